"""Request types for views behind ``login_required``."""

from django.http import HttpRequest

from leerkring.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User

"""Request types for views behind ``login_required``."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from leerkring.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A signed-in request, with django-htmx's details (``HtmxMiddleware``)."""

    user: User
    htmx: HtmxDetails

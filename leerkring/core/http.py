"""Request types for views behind ``login_required``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:  # core is the bottom layer: the user model is only named here
    from leerkring.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A signed-in request, with django-htmx's details (``HtmxMiddleware``)."""

    user: User
    htmx: HtmxDetails

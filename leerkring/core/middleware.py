"""Request-wide behaviour: every request speaks the user's language, and a read
request looks up the viewer's roles once."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from .access import remembering

Handler = Callable[[HttpRequest], HttpResponse]


class UserLanguageMiddleware:
    """Dutch unless the user (or, before login, their cookie) chose English."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = user.preferred_language
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RememberAccessMiddleware:
    """GET and HEAD requests answer role questions once (``access.remembering``).

    A read changes nobody's membership, so the page's own access check and every
    tab of the community's tab bar can share one lookup. Other methods are left
    alone: a POST may change the very role a later check in it asks about.
    """

    SAFE_METHODS = ("GET", "HEAD")

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in self.SAFE_METHODS:
            return self.get_response(request)
        with remembering():
            return self.get_response(request)

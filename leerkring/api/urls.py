"""The JSON API with its OpenAPI schema at /api/openapi.json.

Each app that offers API operations has ``<app>/api.py`` with a ninja ``router``;
it is mounted at ``/api/<app>/``. Callers authenticate with a personal token
(``Authorization: Bearer …``, see ``auth.py``) or the browser session (CSRF on
writes); every operation uses the same ``access_*`` functions and actions as the
pages, so the API can never show or do more than the pages do.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.security import django_auth

from leerkring.core.discovery import app_modules

from .auth import TokenAuth
from .schemas import FormRefused, declare_error_responses


class LeerkringApi(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        return declare_error_responses(super().get_openapi_schema(*args, **kwargs))


api = LeerkringApi(
    title="Leerkring API",
    version="1",
    description="JSON access to what the signed-in person may see and do in Leerkring.",
    urls_namespace="api",
    auth=[TokenAuth(), django_auth],
    docs_url=None,  # the schema is served; no third-party documentation UI
)


def _where(location: Any) -> str:
    parts = [str(part) for part in location if part not in ("body", "payload")]
    return ".".join(parts) or _("the request")


@api.exception_handler(ValidationError)
def input_refused(request: HttpRequest, error: ValidationError) -> HttpResponse:
    problems = [f"{_where(e.get('loc', ()))}: {e.get('msg', '')}" for e in error.errors]
    message = _("The input was not accepted: %(problems)s") % {
        "problems": "; ".join(problems)
    }
    return api.create_response(
        request, {"detail": error.errors, "message": message}, status=422
    )


@api.exception_handler(FormRefused)
def form_refused(request: HttpRequest, error: FormRefused) -> HttpResponse:
    detail = [
        {"loc": ["body", field], "msg": message}
        for field, messages in error.errors.items()
        for message in messages
    ]
    message = " ".join(m for messages in error.errors.values() for m in messages)
    return api.create_response(
        request, {"detail": detail, "message": message}, status=422
    )


for config, module in app_modules("api", include_core=True):
    api.add_router(f"/{config.label}/", module.router)

urlpatterns = [*api.urls[0]]
app_name = "api"

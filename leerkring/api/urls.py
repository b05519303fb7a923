"""The JSON API with its OpenAPI schema at /api/openapi.json.

Each app that offers API operations has ``<app>/api.py`` with a ninja ``router``;
it is mounted at ``/api/<app>/``. Authentication is the browser session (with
CSRF for writes); every operation uses the same ``access_*`` functions as the
pages, so the API can never show more than the pages do.
"""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.security import django_auth

from leerkring.core.discovery import app_modules

api = NinjaAPI(
    title="Leerkring API",
    version="1",
    description="JSON access to what the signed-in person may see in Leerkring.",
    urls_namespace="api",
    auth=django_auth,
    docs_url=None,  # the schema is served; no third-party documentation UI
)

for config, module in app_modules("api", include_core=True):
    api.add_router(f"/{config.label}/", module.router)

urlpatterns = [*api.urls[0]]
app_name = "api"

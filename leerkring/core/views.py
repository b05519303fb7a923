"""Health and error pages."""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database readiness, for load balancers and monitoring."""
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except (OperationalError, InterfaceError) as error:
        # Django closes the broken connection when the request finishes and opens
        # a new one on the next request, so the app recovers by itself.
        logger.warning("Health check: database unavailable: %s", error)
        database = "unavailable"
    status = 200 if database == "ok" else 503
    return JsonResponse({"app": "ok", "database": database}, status=status)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 handler; a lost database answers 503 so clients and proxies retry.

    The pages are rendered without the request context: they must not touch the
    database that may just have failed.
    """
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        html = render_to_string("503.html")
        return HttpResponse(html, status=503, headers={"Retry-After": "30"})
    return HttpResponse(render_to_string("500.html"), status=500)

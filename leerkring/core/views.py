"""Home, health and error pages."""

from __future__ import annotations

import logging
import sys

from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache

from leerkring.communities.models import Community, Organisation, OrganisationRole
from leerkring.core import todo
from leerkring.core.http import AuthenticatedHttpRequest
from leerkring.meetings.models import Meeting

logger = logging.getLogger(__name__)


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    memberships = list(
        request.user.memberships.active()
        .select_related("community__organisation")
        .order_by("community__name")
    )
    led = list(
        OrganisationRole.objects.filter(
            user=request.user, role=OrganisationRole.Role.PROGRAMME_LEAD
        )
        .select_related("organisation")
        .order_by("organisation__name")
    )
    communities = {m.community_id: m.community for m in memberships}
    organisations = {role.organisation_id: role.organisation for role in led}

    def place(item: todo.Todo) -> Community | Organisation:
        if item.organisation_id is not None:
            return organisations[item.organisation_id]
        assert item.community_id is not None
        return communities[item.community_id]

    items = todo.collect(request.user, memberships, list(organisations.values()))
    todos = [(item, place(item)) for item in items]
    next_meetings = Meeting.objects.next_per_community(
        [m.community_id for m in memberships]
    )
    rows = [(m, next_meetings.get(m.community_id)) for m in memberships]
    return render(
        request,
        "core/home.html",
        {
            "rows": rows,
            "led_roles": led,
            "todos": todos,
            "today": timezone.localdate(),
            "several": len(communities) + len(organisations) > 1,
        },
    )


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

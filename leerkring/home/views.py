"""The home page: what waits for the person, their communities and next sessions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from leerkring.communities.models import Community, Organisation, OrganisationRole
from leerkring.core import todo
from leerkring.core.http import AuthenticatedHttpRequest
from leerkring.meetings.models import Meeting


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
        "home/home.html",
        {
            "rows": rows,
            "led_roles": led,
            "todos": todos,
            "today": timezone.localdate(),
            "several": len(communities) + len(organisations) > 1,
        },
    )

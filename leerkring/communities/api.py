"""API operations on communities: the same visibility as the pages."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema

from leerkring.api.auth import community_filter

from .access import access_community
from .models import Community

router = Router(tags=["communities"])


class MemberOut(Schema):
    name: str
    role: str
    status: str


class CommunityOut(Schema):
    id: int
    name: str
    organisation: str


class PeriodOut(Schema):
    id: int
    kind: str
    start_date: date
    end_date: date


class CommunityDetailOut(CommunityOut):
    description: str
    members: list[MemberOut]
    period_start: date | None
    period_end: date | None
    periods: list[PeriodOut]


@router.get("/", response=list[CommunityOut], url_name="community-list")
def community_list(request: HttpRequest) -> list[CommunityOut]:
    communities = Community.objects.visible_to(request.user).select_related(
        "organisation"
    )
    limited = community_filter(request)
    if limited is not None:
        communities = communities.filter(pk__in=limited)
    return [
        CommunityOut(id=c.pk, name=c.name, organisation=c.organisation.name)
        for c in communities
    ]


@router.get("/{community_id}", response=CommunityDetailOut, url_name="community-detail")
def community_detail(request: HttpRequest, community_id: int) -> CommunityDetailOut:
    community, _membership = access_community(request.user, community_id, need="view")
    period = community.current_period()
    members = community.memberships.holding_a_place().select_related("user")
    return CommunityDetailOut(
        id=community.pk,
        name=community.name,
        organisation=community.organisation.name,
        description=community.description,
        members=[
            MemberOut(name=m.user.display_name, role=m.role, status=m.status)
            for m in members
        ],
        period_start=period.start_date if period else None,
        period_end=period.end_date if period else None,
        periods=[
            PeriodOut(
                id=p.pk, kind=p.kind, start_date=p.start_date, end_date=p.end_date
            )
            for p in community.periods.order_by("start_date")
        ],
    )

"""API operations on integration assignments and their reports: the same
visibility as the pages, reports written through the page's form and action."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema

from leerkring.api.auth import caller, community_filter, require_community
from leerkring.api.schemas import StrictInput, form_or_422, text
from leerkring.communities.models import Sharing

from . import actions
from .access import access_assignment
from .forms import ReportForm
from .models import AssignmentReport, IntegrationAssignment

router = Router(tags=["assignments"])


class ReportOut(Schema):
    id: int
    author: str
    did: str
    happened: str
    learned: str
    status: str
    sharing: str


class AssignmentOut(Schema):
    id: int
    community_id: int
    session: int | None
    due_date: date
    owner: str | None
    what: str
    practice_situation: str
    sharing: str
    reports: list[ReportOut]


class ReportIn(StrictInput):
    did: text(10_000)  # type: ignore[valid-type]
    happened: text(10_000, required=False) = ""  # type: ignore[valid-type]
    learned: text(10_000, required=False) = ""  # type: ignore[valid-type]
    status: Literal[tuple(AssignmentReport.Status.values)]  # type: ignore[valid-type]
    sharing: Literal[tuple(Sharing.values)]  # type: ignore[valid-type]


def _report(report: AssignmentReport) -> ReportOut:
    return ReportOut(
        id=report.pk,
        author=report.author.display_name,
        did=report.did,
        happened=report.happened,
        learned=report.learned,
        status=report.status,
        sharing=report.sharing,
    )


def _assignment(item: IntegrationAssignment) -> AssignmentOut:
    return AssignmentOut(
        id=item.pk,
        community_id=item.period.community_id,
        session=item.meeting.number if item.meeting else None,
        due_date=item.due_date,
        owner=item.owner.display_name if item.owner else None,
        what=item.what,
        practice_situation=item.practice_situation,
        sharing=item.sharing,
        reports=[_report(r) for r in item.reports.all()],
    )


@router.get("/", response=list[AssignmentOut], url_name="assignment-list")
def assignment_list(request: HttpRequest) -> list[AssignmentOut]:
    """Every assignment the caller may read: their own, the group's, shared ones,
    and (for coaches) their communities'; each with the reports they may read."""
    found = IntegrationAssignment.objects.visible_to(request.user).for_page(
        request.user
    )
    limited = community_filter(request)
    if limited is not None:
        found = found.filter(period__community__in=limited)
    return [_assignment(item) for item in found.order_by("due_date", "pk")]


@router.get("/{assignment_id}", response=AssignmentOut, url_name="assignment-detail")
def assignment_detail(request: HttpRequest, assignment_id: int) -> AssignmentOut:
    found = access_assignment(request.user, assignment_id, need="view")
    require_community(request, found.period.community_id)
    item = IntegrationAssignment.objects.for_page(request.user).get(pk=found.pk)
    return _assignment(item)


@router.put(
    "/{assignment_id}/report", response=AssignmentOut, url_name="assignment-report"
)
def assignment_report(
    request: HttpRequest, assignment_id: int, payload: ReportIn
) -> AssignmentOut:
    """Write or rewrite the caller's report (the owner; any participant on a
    group assignment)."""
    found = access_assignment(request.user, assignment_id, need="report")
    require_community(request, found.period.community_id)
    existing = found.reports.filter(author=caller(request)).first()
    form = form_or_422(ReportForm(payload.model_dump(), instance=existing))
    actions.report_on_assignment(
        assignment=found,
        actor=caller(request),
        **form.cleaned_data,
    )
    item = IntegrationAssignment.objects.for_page(request.user).get(pk=found.pk)
    return _assignment(item)

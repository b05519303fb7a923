"""API operations on the collective track's progress timeline: members read it
and add entries through the page's form and action."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from leerkring.api.auth import caller
from leerkring.api.schemas import StrictInput, form_or_422, refuse, text
from leerkring.communities.access import access_community
from leerkring.communities.models import LearningPeriod
from leerkring.reports.exports import progress

from . import actions
from .forms import ProgressEntryForm
from .models import ProgressEntry

router = Router(tags=["progress"])


class ProgressOut(Schema):
    date: date
    kind: str
    session: int | None
    text: str
    author: str


class ProgressIn(StrictInput):
    kind: Literal[tuple(ProgressEntry.Kind.values)]  # type: ignore[valid-type]
    text: text(4000)  # type: ignore[valid-type]
    meeting: int | None = Field(default=None, ge=1, le=2**63 - 1)
    # A date arrives as text in JSON: ISO 8601 (YYYY-MM-DD) is accepted.
    happened_on: date | None = Field(default=None, strict=False)


def _period(request: HttpRequest, community_id: int) -> LearningPeriod | None:
    community, _membership = access_community(
        request.user, community_id, need="tracks.view_collective"
    )
    return community.current_period()


@router.get(
    "/communities/{community_id}/progress",
    response=list[ProgressOut],
    url_name="progress",
)
def progress_list(request: HttpRequest, community_id: int) -> list[ProgressOut]:
    """The current period's timeline: successes, setbacks, decisions, questions."""
    period = _period(request, community_id)
    if period is None:
        return []
    return [ProgressOut(**row) for row in progress(period, request.user)]


@router.post(
    "/communities/{community_id}/progress",
    response={201: list[ProgressOut]},
    url_name="progress",
)
def progress_add(
    request: HttpRequest, community_id: int, payload: ProgressIn
) -> Status[list[ProgressOut]]:
    """Add an entry to the timeline (members); ``meeting`` is a session id."""
    community, _membership = access_community(
        request.user, community_id, need="tracks.edit_collective"
    )
    period = community.current_period()
    if period is None:
        raise refuse(
            _("%(community)s has no current learning period.")
            % {"community": community.name}
        )
    form = form_or_422(ProgressEntryForm(payload.model_dump(), period=period))
    actions.add_progress_entry(
        period=period,
        actor=caller(request),
        **form.cleaned_data,
    )
    return Status(201, [ProgressOut(**row) for row in progress(period, request.user)])

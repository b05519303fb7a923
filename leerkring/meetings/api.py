"""API operations on sessions and their agendas: what the session pages show,
and the coaches' agenda edits through the same form and action."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from leerkring.api.auth import require_community
from leerkring.api.schemas import StrictInput, form_or_422, refuse, text
from leerkring.communities.access import access_community
from leerkring.core.concurrency import Stale, stale_message

from .access import access_meeting
from .agenda import save_agenda_item
from .forms import AgendaItemForm
from .method import ItemKind
from .models import AgendaItem, Meeting

router = Router(tags=["sessions"])


class SessionOut(Schema):
    id: int
    number: int
    date: date
    part_of_day: str
    location: str
    professional_theme: str
    personal_theme: str
    personal_question: str
    with_coach: bool


class AgendaItemOut(Schema):
    id: int
    position: int
    kind: str
    title: str
    description: str
    minutes: int


class SessionDetailOut(SessionOut):
    community_id: int
    agenda_version: int
    agenda: list[AgendaItemOut]
    summary: str | None


class AgendaItemIn(StrictInput):
    kind: Literal[tuple(ItemKind.values)]  # type: ignore[valid-type]
    title: text(200)  # type: ignore[valid-type]
    description: text(10_000, required=False) = ""  # type: ignore[valid-type]
    minutes: int = Field(ge=1, le=240)
    version: int = Field(ge=1, le=2**31)


def _session(meeting: Meeting) -> dict[str, object]:
    return {name: getattr(meeting, name) for name in SessionOut.model_fields} | {
        "id": meeting.pk
    }


def _item(item: AgendaItem) -> AgendaItemOut:
    return AgendaItemOut(
        id=item.pk,
        position=item.position,
        kind=item.kind,
        title=item.title,
        description=item.description,
        minutes=item.minutes,
    )


@router.get(
    "/communities/{community_id}/sessions",
    response=list[SessionOut],
    url_name="session-list",
)
def session_list(request: HttpRequest, community_id: int) -> list[SessionOut]:
    """The sessions of the community's current learning period."""
    community, _membership = access_community(request.user, community_id, need="view")
    period = community.current_period()
    if period is None:
        return []
    return [SessionOut(**_session(m)) for m in Meeting.objects.for_period(period)]  # type: ignore[arg-type]


def _detail(meeting: Meeting) -> SessionDetailOut:
    items = AgendaItem.objects.filter(meeting=meeting).order_by("position")
    published = meeting.summary_is_published
    return SessionDetailOut(
        **_session(meeting),  # type: ignore[arg-type]
        community_id=meeting.period.community_id,
        agenda_version=meeting.agenda_version,
        agenda=[_item(item) for item in items],
        summary=meeting.summary if published else None,
    )


@router.get(
    "/sessions/{meeting_id}", response=SessionDetailOut, url_name="session-detail"
)
def session_detail(request: HttpRequest, meeting_id: int) -> SessionDetailOut:
    """A session with its agenda and, once published, its summary (members)."""
    meeting, _membership = access_meeting(request.user, meeting_id, need="view")
    require_community(request, meeting.period.community_id)
    return _detail(meeting)


@router.post(
    "/sessions/{meeting_id}/agenda",
    response={201: SessionDetailOut},
    url_name="agenda-item-add",
)
def agenda_item_add(
    request: HttpRequest, meeting_id: int, payload: AgendaItemIn
) -> Status[SessionDetailOut]:
    """Add an item at the end of the agenda (whoever runs the session: the
    coaches; in a self-run period every member).

    ``version`` is the agenda's version as last read; 409 when someone changed
    the agenda since.
    """
    meeting, membership = access_meeting(request.user, meeting_id, need="run")
    require_community(request, meeting.period.community_id)
    form = form_or_422(
        AgendaItemForm(payload.model_dump(), version=meeting.agenda_version)
    )
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    try:
        save_agenda_item(
            meeting=meeting,
            version=payload.version,
            author=membership.user,
            **data,
        )
    except Stale as stale:
        raise refuse(stale_message(stale), 409) from stale
    meeting.refresh_from_db()
    return Status(201, _detail(meeting))

"""The agenda of a session: the method's agenda, the coaches' edits, publishing
it to the members, and open-space proposals.

Every edit carries the agenda's version the coach saw (``agenda_version``); a
save against an older one is refused with
:class:`~leerkring.core.concurrency.Stale` (``claim``).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.accounts.models import User
from leerkring.core.concurrency import Stale, claim

from .actions import MeetingError
from .method import (
    ItemKind,
    agenda_texts,
    is_generic_open_space,
)
from .models import AgendaItem, Meeting, OpenSpaceProposal


def method_agenda_items(meeting: Meeting) -> list[AgendaItem]:
    """The method's agenda for the session, as unsaved rows, written in the
    community's language (whoever plans it)."""
    plans = meeting.method_agenda()
    texts = agenda_texts(plans, meeting.method_language)
    return [
        AgendaItem(
            meeting=meeting,
            position=position,
            kind=plan.kind,
            title=title,
            description=description,
            minutes=plan.minutes,
        )
        for position, (plan, (title, description)) in enumerate(
            zip(plans, texts, strict=True), start=1
        )
    ]


@transaction.atomic
def move_agenda_item(*, item: AgendaItem, version: int, direction: str) -> AgendaItem:
    """Swap the item with its neighbour above (``up``) or below (``down``)."""
    meeting = item.meeting
    claim(meeting, version, field="agenda_version")
    item = AgendaItem.objects.get(pk=item.pk)
    neighbours = AgendaItem.objects.filter(meeting=meeting)
    if direction == "up":
        other = neighbours.filter(position__lt=item.position).order_by("-position")
    else:
        other = neighbours.filter(position__gt=item.position).order_by("position")
    neighbour = other.first()
    if neighbour is None:
        return item
    mine, theirs = item.position, neighbour.position
    # Through position 0, so the unique (meeting, position) holds at every step.
    AgendaItem.objects.filter(pk=item.pk).update(position=0)
    AgendaItem.objects.filter(pk=neighbour.pk).update(position=mine)
    AgendaItem.objects.filter(pk=item.pk).update(position=theirs)
    item.position = theirs
    return item


@transaction.atomic
def save_agenda_item(
    *,
    meeting: Meeting,
    version: int,
    item: AgendaItem | None = None,
    kind: str,
    title: str,
    description: str,
    minutes: int,
    after: int | None = None,
    author: User | None = None,
) -> AgendaItem:
    """Edit an item, or add one (``item`` is None) after the item at position
    ``after`` (0: at the start; None: at the end); a new item remembers its
    ``author`` (the equality guard counts who writes the agenda)."""
    claim(meeting, version, field="agenda_version")
    if item is None:
        last = _last_position(meeting)
        place = last if after is None else min(max(after, 0), last)
        _make_room_after(meeting, place)
        item = AgendaItem(meeting=meeting, position=place + 1, author=author)
    item.kind = kind
    item.title = title
    item.description = description
    item.minutes = minutes
    item.save()
    return item


@transaction.atomic
def publish_agenda(*, meeting: Meeting, version: int) -> Meeting:
    """Show the members the agenda as the coaches prepared it (``version``).

    Members keep seeing the previous publication until the next one; publishing
    an agenda someone changed after ``version`` was shown is refused.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.agenda_version != version:
        raise Stale(meeting, "agenda_version")
    meeting.set_published_agenda(
        AgendaItem.objects.filter(meeting=meeting).order_by("position")
    )
    meeting.save(update_fields=Meeting.PUBLISHED_AGENDA_FIELDS)
    return meeting


@transaction.atomic
def delete_agenda_item(*, item: AgendaItem, version: int) -> None:
    claim(item.meeting, version, field="agenda_version")
    item.delete()


@transaction.atomic
def reset_agenda(*, meeting: Meeting, version: int) -> None:
    """Replace the agenda by the method's agenda for this session."""
    claim(meeting, version, field="agenda_version")
    Meeting.objects.filter(pk=meeting.pk).update(
        current_item=None, current_item_started_at=None
    )
    AgendaItem.objects.filter(meeting=meeting).delete()
    AgendaItem.objects.bulk_create(method_agenda_items(meeting))


@transaction.atomic
def propose_open_space(
    *, meeting: Meeting, author: User, title: str, description: str = ""
) -> OpenSpaceProposal:
    """A member proposes content for the session's open space, before it starts."""
    if meeting.date < timezone.localdate():
        raise MeetingError(_("This session is over; propose something for the next."))
    return OpenSpaceProposal.objects.create(
        meeting=meeting, author=author, title=title, description=description
    )


@transaction.atomic
def accept_proposal(*, proposal: OpenSpaceProposal, version: int) -> AgendaItem:
    """Put a proposal on the agenda.

    It fills the open-space item while that still has the method's generic
    title; otherwise it becomes a new open-space item (20 minutes) right after
    the last one, and the coaches balance the durations.
    """
    meeting = proposal.meeting
    proposal = OpenSpaceProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.is_accepted:
        raise MeetingError(_("This proposal is already on the agenda."))
    claim(meeting, version, field="agenda_version")
    description = proposal.description
    credit = _("Proposed by %(name)s.") % {"name": proposal.author_name()}
    description = f"{description}\n\n{credit}".strip()
    open_items = list(
        AgendaItem.objects.filter(meeting=meeting, kind=ItemKind.OPEN_SPACE).order_by(
            "position"
        )
    )
    blank = next((i for i in open_items if is_generic_open_space(i.title)), None)
    if blank is not None:
        blank.title = proposal.title
        blank.description = description
        blank.save(update_fields=["title", "description"])
        item = blank
    else:
        after = open_items[-1].position if open_items else _last_position(meeting)
        _make_room_after(meeting, after)
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=after + 1,
            kind=ItemKind.OPEN_SPACE,
            title=proposal.title,
            description=description,
            minutes=20,
        )
    proposal.accepted_at = timezone.now()
    proposal.save(update_fields=["accepted_at"])
    return item


def _make_room_after(meeting: Meeting, position: int) -> None:
    """Shift the items after ``position`` one place down."""
    later = AgendaItem.objects.filter(meeting=meeting, position__gt=position)
    # Two steps, so the unique (meeting, position) holds row by row.
    later.update(position=F("position") + 1000)
    AgendaItem.objects.filter(meeting=meeting, position__gt=1000).update(
        position=F("position") - 999
    )


def _last_position(meeting: Meeting) -> int:
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(Max("position"))
    return int(last["position__max"] or 0)

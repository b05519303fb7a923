"""Intervision's workflows: registering and editing a case, choosing the
format (it fills the agenda's intervision item), moving through its steps in the
room, the group's advice and the case-bringer's take-away.

Every write is one transaction; a case carries a version (two members writing
the advice at once: the second is refused), the format claims the agenda's.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.communities.models import LearningPeriod, Membership
from leerkring.core.concurrency import claim
from leerkring.tracks.models import LearningQuestion

from ..actions import MeetingError
from ..method import ItemKind
from ..models import AgendaItem, Meeting
from .formats import plan_for
from .models import IntervisionCase, IntervisionPlan


def _check_meeting(meeting: Meeting | None, membership: Membership) -> None:
    if meeting is None:
        return
    if meeting.period.community_id != membership.community_id:
        raise MeetingError(_("Choose a session of your own community."))
    if meeting.date < timezone.localdate():
        raise MeetingError(_("This session is over; choose a coming one."))


def _check_question(question: LearningQuestion | None, membership: Membership) -> None:
    if question is not None and question.personal_track.owner_id != membership.user_id:
        raise MeetingError(_("Link the case to your own learning question."))


@transaction.atomic
def register_case(
    *,
    meeting: Meeting,
    membership: Membership,
    question: str,
    context: str = "",
    learning_question: LearningQuestion | None = None,
) -> IntervisionCase:
    """A participant brings a case to a coming meeting."""
    _check_meeting(meeting, membership)
    _check_question(learning_question, membership)
    if not question.strip():
        raise MeetingError(_("Write down your question first."))
    return IntervisionCase.objects.create(
        meeting=meeting,
        membership=membership,
        question=question.strip(),
        context=context.strip(),
        learning_question=learning_question,
    )


@transaction.atomic
def update_case(
    *,
    case: IntervisionCase,
    version: int,
    meeting: Meeting | None,
    question: str,
    context: str = "",
    learning_question: LearningQuestion | None = None,
) -> IntervisionCase:
    """Its bringer changes the case, or the meeting it goes to (after its meeting
    was cancelled, or to move it to another)."""
    if meeting is None:
        raise MeetingError(_("Choose the session you bring the case to."))
    if meeting.pk != case.meeting_id:
        _check_meeting(meeting, case.membership)
    _check_question(learning_question, case.membership)
    claim(case, version)
    case.meeting = meeting
    case.question = question.strip()
    case.context = context.strip()
    case.learning_question = learning_question
    case.save(
        update_fields=["meeting", "question", "context", "learning_question", "version"]
    )
    return case


@transaction.atomic
def save_advice(*, case: IntervisionCase, version: int, advice: str) -> None:
    """The group's advice, kept with the case for every member to read."""
    claim(case, version)
    case.advice = advice.strip()
    case.save(update_fields=["advice", "version"])


@transaction.atomic
def save_takeaway(
    *, case: IntervisionCase, version: int, takeaway: str, sharing: str
) -> None:
    """What the case-bringer takes along; ``sharing`` "" keeps it to themself."""
    if not takeaway.strip():
        raise MeetingError(_("Write down what you take along first."))
    claim(case, version)
    case.takeaway = takeaway.strip()
    case.takeaway_sharing = sharing
    case.takeaway_at = timezone.now()
    case.save(update_fields=["takeaway", "takeaway_sharing", "takeaway_at", "version"])


def intervision_items(meeting: Meeting) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(meeting=meeting, kind=ItemKind.INTERVISION)
        .select_related("intervision")
        .order_by("position")
    )


@transaction.atomic
def choose_format(
    *,
    meeting: Meeting,
    version: int,
    item: AgendaItem,
    format: str,
    case: IntervisionCase | None,
) -> IntervisionPlan:
    """Fill the intervision item with the format: its title, summary and
    minutes (the sum of the steps). A self-run meeting's agenda is published at
    once, as it always is (the community runs itself)."""
    if item.meeting_id != meeting.pk or item.kind != ItemKind.INTERVISION:
        raise MeetingError(_("Choose a peer-consultation item of this session."))
    if case is not None and case.meeting_id != meeting.pk:
        raise MeetingError(_("This case is not registered for this session."))
    claim(meeting, version, field="agenda_version")
    plan = plan_for(format)
    item.title = _("Peer consultation: %(format)s") % {"format": plan.label}
    item.description = str(plan.summary)
    item.minutes = plan.minutes
    item.save(update_fields=["title", "description", "minutes"])
    chosen, _created = IntervisionPlan.objects.update_or_create(
        item=item,
        defaults={"format": format, "case": case, "step": 0, "step_started_at": None},
    )
    meeting.refresh_from_db()
    if meeting.period.kind == LearningPeriod.Kind.SELF_RUN:
        meeting.set_published_agenda(
            AgendaItem.objects.filter(meeting=meeting).order_by("position")
        )
        meeting.save(update_fields=Meeting.PUBLISHED_AGENDA_FIELDS)
    return chosen


def current_step(
    plan: IntervisionPlan, meeting: Meeting
) -> tuple[int, datetime | None]:
    """Which step runs and since when: the first from the moment its item
    started, unless a later step was started since."""
    item_started = meeting.current_item_started_at
    if plan.step_started_at is None or (
        item_started is not None and plan.step_started_at < item_started
    ):
        return 0, item_started
    return plan.step, plan.step_started_at


@transaction.atomic
def move_step(*, meeting: Meeting, forward: bool) -> IntervisionPlan:
    """The next (or previous) step of the running intervision item."""
    plan = (
        IntervisionPlan.objects.select_for_update()
        .filter(item_id=meeting.current_item_id)
        .first()
    )
    if plan is None:
        raise MeetingError(_("No peer consultation with a format is running now."))
    step, _since = current_step(plan, meeting)
    last = len(plan.plan.steps) - 1
    plan.step = min(step + 1, last) if forward else max(step - 1, 0)
    plan.step_started_at = timezone.now()
    plan.save(update_fields=["step", "step_started_at"])
    return plan

"""Check-in workflows: open and close a window, answer, answer the safety climate.

Each action is atomic and locks the row that decides whether answers are still
accepted, so an answer racing a "close" either lands before it or is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from leerkring.accounts.models import User
from leerkring.communities.models import Membership
from leerkring.meetings.models import Meeting
from leerkring.reports.tasks import reminder_round

from . import agenda, climate
from .models import Moment, Pulse, PulseWindow, SafetyResponse


class PulseError(Exception):
    """The answer is refused; the message is translated and says why."""


def _window(meeting: Meeting, moment: str) -> PulseWindow:
    window, _created = PulseWindow.objects.select_for_update().get_or_create(
        meeting=meeting, moment=moment
    )
    return window


@transaction.atomic
def open_window(*, meeting: Meeting, moment: str, actor: User) -> PulseWindow:
    """Open (or reopen) the check-in or check-out of a session for answers.

    Opening a check-in queues a reminder round once committed, so participants
    hear that it is open now rather than at the next round (up to ten minutes
    later). The extra round plans and claims like any other — each reminder still
    goes out at most once — and leaves the planner's chain as it is
    (docs/reminders.md).
    """
    window = _window(meeting, moment)
    window.open(by=actor)
    if moment == Moment.CHECK_IN:
        transaction.on_commit(reminder_round.enqueue)
    return window


@transaction.atomic
def close_window(*, meeting: Meeting, moment: str) -> PulseWindow:
    """Close it: later answers are refused with a message."""
    window = _window(meeting, moment)
    window.close()
    return window


def _check_participant(meeting: Meeting, user: User) -> None:
    is_participant = (
        Membership.objects.active()
        .participants()
        .filter(community_id=meeting.period.community_id, user=user)
        .exists()
    )
    if not is_participant:
        raise PulseError(_("Only participants of this community can answer."))


def closed_message(window: PulseWindow) -> str:
    moment = Moment(window.moment).label
    if window.closed_at is None:
        return _("The %(moment)s of session %(number)s is not open.") % {
            "moment": str(moment).lower(),
            "number": window.meeting.number,
        }
    return _(
        "The %(moment)s of session %(number)s closed at %(time)s; "
        "answers are no longer accepted."
    ) % {
        "moment": str(moment).lower(),
        "number": window.meeting.number,
        "time": formats.time_format(window.closed_at, "TIME_FORMAT"),
    }


@transaction.atomic
def record_pulse(
    *,
    meeting: Meeting,
    moment: str,
    user: User,
    energy: int,
    safety: int,
    collective_tension: int,
    personal_tension: int,
    word: str,
    note: str = "",
) -> tuple[Pulse, bool]:
    """Save a participant's answer; a second answer replaces the first.

    Returns the answer and whether it was new. Refused (``PulseError``) when the
    window is not open or the user is not an active participant.
    """
    agenda.follow_meeting(meeting)
    window = (
        PulseWindow.objects.select_for_update()
        .select_related("meeting")
        .filter(meeting=meeting, moment=moment)
        .first()
    )
    if window is None or not window.is_open:
        raise PulseError(
            closed_message(window or PulseWindow(meeting=meeting, moment=moment))
        )
    _check_participant(meeting, user)
    return Pulse.objects.update_or_create(
        window=window,
        user=user,
        defaults={
            "energy": energy,
            "safety": safety,
            "collective_tension": collective_tension,
            "personal_tension": personal_tension,
            "word": word.strip(),
            "note": note.strip(),
        },
    )


@transaction.atomic
def record_safety_response(
    *,
    meeting: Meeting,
    user: User,
    answers: Sequence[int],
    today: date | None = None,
) -> tuple[SafetyResponse, bool]:
    """Save a person's safety-climate answers; editable while the round is open."""
    meeting = (
        Meeting.objects.select_for_update().select_related("period").get(pk=meeting.pk)
    )
    administration = climate.administration_for(meeting, today=today)
    if administration is None or not administration.is_open:
        raise PulseError(
            _("The safety-climate questionnaire after session %(number)s is closed.")
            % {"number": meeting.number}
        )
    _check_participant(meeting, user)
    return SafetyResponse.objects.update_or_create(
        meeting=meeting,
        user=user,
        defaults=dict(zip(SafetyResponse.ITEM_FIELDS, answers, strict=True)),
    )

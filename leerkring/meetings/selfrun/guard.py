"""The equality guard of a self-run period (section 2.3: "op de gelijkwaardigheid
van posities in dialoog moet actief worden blijven toegezien").

It watches patterns, never people: every notice goes to the whole community (the
period page, and the visiting coach's digest), names the pattern and never a
member, and shows no score. The rules (pure, on :class:`Held`):

* **chair streak** — the same member chairs more than twice in a row (planned
  meetings count too: a swap can make a streak before it happens);
* **one voice** — over the last three meetings held, one member wrote most
  (more than half, of at least ``MIN_WRITTEN``) of the agenda items, or of the
  progress entries;
* **silent** — someone has had no visible part (no check-in, no entry, no
  agenda item, no role) in the last three meetings held;
* **equal space drops** — the mean answer to "Did everyone have the same space
  today?" fell by ``DROP`` or more since the previous meeting with a group figure
  (a figure needs ``aggregates.MIN_ANSWERS`` people, as everywhere).

The answers themselves are anonymous: only the person sees their own
(:func:`record_equal_space`), the community sees the trend.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.accounts.models import User
from leerkring.communities.models import LearningPeriod
from leerkring.pulses import aggregates
from leerkring.pulses.models import Moment, Pulse
from leerkring.tracks.models import ProgressEntry

from ..actions import MeetingError
from ..models import AgendaItem, Meeting
from .models import EqualSpaceAnswer, MeetingRole
from .roles import rotating_members

WINDOW = 3  # the last three meetings held
STREAK = 3  # "more than twice in a row"
MIN_WRITTEN = 4  # "most" of fewer items says little
DROP = 0.5  # a fall in the equal-space mean worth a notice
ANSWER_DAYS = 7  # the check-out question stays open this long after the meeting

CHAIR_STREAK = "chair_streak"
ONE_VOICE_AGENDA = "one_voice_agenda"
ONE_VOICE_PROGRESS = "one_voice_progress"
SILENT = "silent"
EQUAL_SPACE_DROP = "equal_space_drop"


@dataclass(frozen=True)
class Held:
    """One meeting as the guard sees it: user ids, and the equal-space mean
    (None below the minimum group size)."""

    chair: int | None = None
    roles: frozenset[int] = frozenset()
    checked_in: frozenset[int] = frozenset()
    agenda_authors: tuple[int, ...] = ()
    progress_authors: tuple[int, ...] = ()
    equal_space: float | None = None
    held: bool = True  # False: a meeting still to come (only its chair counts)

    @property
    def contributors(self) -> set[int]:
        return (
            set(self.roles | self.checked_in)
            | set(self.agenda_authors)
            | set(self.progress_authors)
        )


def chair_streak(meetings: Sequence[Held]) -> bool:
    """Does one member chair more than twice in a row (held or planned)?"""
    run, previous = 0, None
    for meeting in meetings:
        run = run + 1 if meeting.chair is not None and meeting.chair == previous else 1
        previous = meeting.chair
        if previous is not None and run >= STREAK:
            return True
    return False


def _most(authors: list[int]) -> bool:
    if len(authors) < MIN_WRITTEN:
        return False
    _top, count = Counter(authors).most_common(1)[0]
    return count * 2 > len(authors)


def _recent(meetings: Sequence[Held]) -> list[Held]:
    return [m for m in meetings if m.held][-WINDOW:]


def one_voice_agenda(meetings: Sequence[Held]) -> bool:
    """Did one member write most of the agenda items of the last three meetings?"""
    return _most([a for m in _recent(meetings) for a in m.agenda_authors])


def one_voice_progress(meetings: Sequence[Held]) -> bool:
    """Did one member write most of the progress entries of the last three meetings?"""
    return _most([a for m in _recent(meetings) for a in m.progress_authors])


def silent(meetings: Sequence[Held], members: Sequence[int]) -> bool:
    """Has someone had no visible part in any of the last three meetings held?"""
    recent = _recent(meetings)
    if len(recent) < WINDOW:
        return False
    seen = set().union(*(m.contributors for m in recent))
    return any(member not in seen for member in members)


def equal_space_drops(meetings: Sequence[Held]) -> bool:
    """Did the equal-space mean fall by ``DROP`` since the previous figure?"""
    figures = [m.equal_space for m in meetings if m.held and m.equal_space is not None]
    return len(figures) >= 2 and figures[-2] - figures[-1] >= DROP


def fired(meetings: Sequence[Held], members: Sequence[int]) -> list[str]:
    """The rules that fire, in a fixed order."""
    checks = [
        (CHAIR_STREAK, chair_streak(meetings)),
        (ONE_VOICE_AGENDA, one_voice_agenda(meetings)),
        (ONE_VOICE_PROGRESS, one_voice_progress(meetings)),
        (SILENT, silent(meetings, members)),
        (EQUAL_SPACE_DROP, equal_space_drops(meetings)),
    ]
    return [name for name, fires in checks if fires]


def notice_text(name: str) -> str:
    """What the community reads: the pattern and a question, never a name."""
    texts = {
        CHAIR_STREAK: _(
            "The same member chairs three meetings in a row. Roles are tasks that "
            "go round: who would like to chair next time?"
        ),
        ONE_VOICE_AGENDA: _(
            "Most agenda items of the last three meetings were written by one "
            "member. What would the others like to put on the agenda?"
        ),
        ONE_VOICE_PROGRESS: _(
            "Most progress entries of the last three meetings were written by one "
            "member. Whose successes and questions are still missing?"
        ),
        SILENT: _(
            "Someone has had no visible part in the last three meetings: no "
            "check-in, no entry, no role. Whom have we not heard from lately?"
        ),
        EQUAL_SPACE_DROP: _(
            "Fewer of you felt that everyone had the same space at the last "
            "meeting than the time before. Talk about it in the next check-in."
        ),
    }
    return str(texts[name])


@dataclass
class Guard:
    """A period's notices and its equal-space trend (group figures only)."""

    notices: list[str] = field(default_factory=list)
    trend: list[dict[str, Any]] = field(default_factory=list)


def collect(
    period: LearningPeriod, today: date | None = None
) -> tuple[list[Held], list[int], list[dict[str, Any]]]:
    """The period's meetings as the guard sees them, the rotating members (user
    ids), and the equal-space trend, in a fixed number of queries."""
    today = today or timezone.localdate()
    meetings = list(Meeting.objects.for_period(period))
    ids = [m.pk for m in meetings]
    chairs: dict[int, int] = {}
    roles: dict[int, set[int]] = defaultdict(set)
    for meeting_id, key, user_id in MeetingRole.objects.filter(
        meeting_id__in=ids, membership__isnull=False
    ).values_list("meeting_id", "role", "membership__user_id"):
        roles[meeting_id].add(user_id)
        if key == MeetingRole.Role.CHAIR:
            chairs[meeting_id] = user_id
    checked: dict[int, set[int]] = defaultdict(set)
    for meeting_id, user_id in Pulse.objects.filter(
        window__meeting_id__in=ids, window__moment=Moment.CHECK_IN, user__isnull=False
    ).values_list("window__meeting_id", "user_id"):
        checked[meeting_id].add(user_id)
    agenda: dict[int, list[int]] = defaultdict(list)
    for meeting_id, user_id in AgendaItem.objects.filter(
        meeting_id__in=ids, author__isnull=False
    ).values_list("meeting_id", "author_id"):
        agenda[meeting_id].append(user_id)
    progress: dict[int, list[int]] = defaultdict(list)
    if meetings:
        between = Q(
            meeting__isnull=True,
            happened_on__gte=period.start_date,
            happened_on__lte=meetings[-1].date,
        )
        entries = (
            ProgressEntry.objects.filter(
                track__period__community_id=period.community_id, author__isnull=False
            )
            .filter(Q(meeting_id__in=ids) | between)
            .values_list("meeting_id", "happened_on", "author_id")
        )
        for meeting_id, day, user_id in entries:
            target = meeting_id if meeting_id in ids else _meeting_on(meetings, day)
            if target is not None:
                progress[target].append(user_id)
    answers: dict[int, list[int]] = defaultdict(list)
    for meeting_id, score in EqualSpaceAnswer.objects.filter(
        meeting_id__in=ids
    ).values_list("meeting_id", "score"):
        answers[meeting_id].append(score)
    trend = []
    held = []
    for meeting in meetings:
        figure = aggregates.stat(answers[meeting.pk])
        done = meeting.date < today or meeting.is_closed
        if done:
            trend.append({"meeting": meeting, "stat": figure})
        held.append(
            Held(
                chair=chairs.get(meeting.pk),
                roles=frozenset(roles[meeting.pk]),
                checked_in=frozenset(checked[meeting.pk]),
                agenda_authors=tuple(agenda[meeting.pk]),
                progress_authors=tuple(progress[meeting.pk]),
                equal_space=figure.mean if figure else None,
                held=done,
            )
        )
    recent = [m for m in meetings if m.date < today or m.is_closed][-WINDOW:]
    members = [
        m.user_id
        for m in rotating_members(period.community)
        if recent and (m.joined_on is None or m.joined_on <= recent[0].date)
    ]
    return held, members, trend


def _meeting_on(meetings: list[Meeting], day: date) -> int | None:
    """The first meeting on or after ``day``: an entry made between meetings
    counts for the meeting it leads up to."""
    for meeting in meetings:
        if meeting.date >= day:
            return meeting.pk
    return None


def guard(period: LearningPeriod, today: date | None = None) -> Guard:
    """The notices the whole community (and a visiting coach) sees, and the trend."""
    held, members, trend = collect(period, today)
    return Guard(
        notices=[notice_text(name) for name in fired(held, members)], trend=trend
    )


def may_answer(meeting: Meeting, today: date | None = None) -> bool:
    """Is the check-out question of a self-run meeting open: from its day for a
    week?"""
    today = today or timezone.localdate()
    return (
        meeting.method_step is None
        and meeting.date <= today <= meeting.date + timedelta(days=ANSWER_DAYS)
    )


@transaction.atomic
def record_equal_space(*, meeting: Meeting, user: User, score: int) -> EqualSpaceAnswer:
    """Store (or replace) a participant's anonymous answer (1–5)."""
    if not may_answer(meeting):
        raise MeetingError(
            _(
                "The question is open from the day of the meeting for a week; "
                "nothing was saved."
            )
        )
    if score not in aggregates.SCALE:
        raise MeetingError(_("Choose 1 to 5; nothing was saved."))
    answer, _created = EqualSpaceAnswer.objects.update_or_create(
        meeting=meeting, user=user, defaults={"score": score}
    )
    return answer


def own_answer(meeting: Meeting, user: User) -> int | None:
    return (
        EqualSpaceAnswer.objects.filter(meeting=meeting, user=user)
        .values_list("score", flat=True)
        .first()
    )

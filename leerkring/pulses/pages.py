"""What each check-in page shows, gathered in a fixed number of queries.

Views stay short (access, form, action, render); the context they render is
built here. Every group figure goes through ``aggregates`` (minimum 3 answers).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from leerkring.communities.models import Community, Membership
from leerkring.communities.periods import PeriodChoice
from leerkring.meetings.models import Attendance, Meeting

from . import agenda, aggregates, charts, climate
from .arc import MEASURES, SessionPoint
from .charts import decimal
from .forms import PulseForm, SafetyForm
from .models import Moment, Pulse, PulseWindow, SafetyResponse


def open_window(community: Community) -> PulseWindow | None:
    """The community's open check-in or check-out (the latest, if several)."""
    agenda.follow_community(community)
    return (
        PulseWindow.objects.filter(
            meeting__period__community=community,
            opened_at__isnull=False,
            closed_at__isnull=True,
        )
        .select_related("meeting")
        .order_by("-meeting__date", "-meeting__number", "-moment")
        .first()
    )


def window(meeting: Meeting, moment: str) -> PulseWindow:
    """The session's window for ``moment``; an unsaved, closed one if never opened."""
    agenda.follow_meeting(meeting)
    found = PulseWindow.objects.filter(meeting=meeting, moment=moment).first()
    return found or PulseWindow(meeting=meeting, moment=moment)


def form_for(window: PulseWindow, user: Any) -> PulseForm:
    """The form, filled with the person's earlier answer in this window, if any."""
    earlier = (
        Pulse.objects.filter(window=window, user=user).first() if window.pk else None
    )
    initial = {}
    if earlier is not None:
        initial = {name: getattr(earlier, name) for name in (*PulseForm.SCALES, "note")}
        initial["word"] = earlier.word
    return PulseForm(initial=initial)


def active_participants(community_id: int) -> int:
    return (
        Membership.objects.active()
        .participants()
        .filter(community_id=community_id)
        .count()
    )


def expected_answers(meeting: Meeting) -> int:
    """Who can answer a session's check-in: the participants marked present once
    the coach has taken attendance, before that every active participant."""
    taken = Attendance.objects.filter(
        meeting=meeting, membership__role=Membership.Role.PARTICIPANT
    ).aggregate(rows=Count("pk"), present=Count("pk", filter=Q(present=True)))
    if taken["rows"]:
        return int(taken["present"])
    return active_participants(meeting.period.community_id)


def _current_meeting(meetings: list[Meeting]) -> Meeting | None:
    today = timezone.localdate()
    upcoming = [m for m in meetings if m.date >= today]
    if upcoming:
        return min(upcoming, key=lambda m: (m.date, m.number))
    return meetings[-1] if meetings else None


def coach_overview(community: Community) -> dict[str, Any]:
    """Every session of the current period with its check-in and check-out state."""
    period = community.current_period()
    meetings = list(
        Meeting.objects.filter(period=period)
        .select_related("current_item")
        .order_by("number")
    )
    agenda.follow(meetings)
    windows = {
        (w.meeting_id, w.moment): w
        for w in PulseWindow.objects.filter(meeting__in=meetings).annotate(
            answers=Count("pulses")
        )
    }
    rows = [
        {
            "meeting": meeting,
            "moments": [
                {
                    "moment": moment,
                    "window": windows.get((meeting.pk, moment.value)),
                }
                for moment in Moment
            ],
        }
        for meeting in meetings
    ]
    current = _current_meeting(meetings)
    return {"period": period, "rows": rows, "current": current}


@dataclass(frozen=True)
class Bar:
    value: int
    count: int
    width: int  # percentage in steps of 5, for a CSS class


def _bars(distribution: dict[int, int] | None, answered: int) -> list[Bar] | None:
    if distribution is None:
        return None
    return [
        Bar(value, count, round(count / answered * 20) * 5)
        for value, count in distribution.items()
    ]


def _cloud(words: list[tuple[str, int]] | None) -> list[tuple[str, int, int]] | None:
    """(word, count, size 1–5), the most frequent first; sizes scale with counts."""
    if words is None:
        return None
    most = max((count for _word, count in words), default=1)
    return [
        (word, count, 1 + round(4 * (count - 1) / (most - 1)) if most > 1 else 2)
        for word, count in words
    ]


def live_results(meeting: Meeting, moment: str) -> dict[str, Any]:
    """Counts, distributions and words of one check-in; anonymous, minimum 3."""
    found = window(meeting, moment)
    rows = (
        list(Pulse.objects.filter(window=found).values_list(*PulseForm.SCALES, "word"))
        if found.pk
        else []
    )
    answered = len(rows)
    questions = [
        {
            "label": PulseForm.base_fields[name].label,
            "bars": _bars(
                aggregates.distribution(row[index] for row in rows), answered
            ),
        }
        for index, name in enumerate(PulseForm.SCALES)
    ]
    return {
        "meeting": meeting,
        "moment": Moment(moment),
        "window": found,
        "answered": answered,
        "expected": expected_answers(meeting),
        "questions": questions,
        "words": _cloud(aggregates.word_counts((r[-1] for r in rows), answered)),
        "enough": aggregates.enough(answered),
        "minimum": aggregates.MIN_ANSWERS,
    }


def _cell(point: SessionPoint, measure: str) -> str | None:
    value = point.stats.get(measure)
    if value is None:
        return None
    return f"{decimal(value.mean)} ({decimal(value.q1)}–{decimal(value.q3)})"


def arc_context(
    community: Community, membership: Membership | None, choice: PeriodChoice
) -> dict[str, Any]:
    """The arc page (of the chosen period): chart sentence, data table, safety
    trend, coaches' notes."""
    period = choice.period
    if period is None:
        return {"period": None, "choice": choice}
    participant = membership is not None and membership.is_participant
    coaching = membership is not None and membership.is_coaching
    viewer = membership.user if membership and participant else None
    arc = charts.period_arc(period, viewer=viewer)
    rows = [
        {
            "point": point,
            "phase": charts.PHASE_LABELS[point.phase] if point.phase else "",
            "cells": [_cell(point, measure) for measure in MEASURES],
            "own": [decimal(point.own[m]) if point.own else None for m in MEASURES],
        }
        for point in arc.points
    ]
    return {
        "choice": choice,
        "period": period,
        "arc": arc,
        "summary": charts.describe(arc),
        "rows": rows,
        "measures": [charts.MEASURE_LABELS[m] for m in MEASURES],
        "show_own": participant and arc.has_own_line,
        "notes": [charts.describe_note(n) for n in arc.notes] if coaching else [],
        "is_coaching": coaching,
        "rounds": climate.administrations(period),
        "minimum": aggregates.MIN_ANSWERS,
    }


def safety_round_for(community: Community, user: Any) -> dict[str, Any] | None:
    """The open safety-climate round, and whether ``user`` answered it already."""
    period = community.current_period()
    round_ = climate.open_administration(period) if period else None
    if round_ is None:
        return None
    answered = SafetyResponse.objects.filter(meeting=round_.meeting, user=user).exists()
    return {"round": round_, "answered": answered}


def safety_form(
    round_: climate.Administration | None, user: Any, data: Any
) -> SafetyForm:
    earlier = (
        SafetyResponse.objects.filter(meeting=round_.meeting, user=user).first()
        if round_ is not None
        else None
    )
    initial = {}
    if earlier is not None:
        initial = {name: getattr(earlier, name) for name in SafetyResponse.ITEM_FIELDS}
    return SafetyForm(data, initial=initial)

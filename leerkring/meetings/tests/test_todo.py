"""Self-run meetings on the home to-do list: the chair and note-taker of a coming
meeting, the note-taker's summary afterwards, and the coach's visits."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation

from leerkring.communities.models import LearningPeriod
from leerkring.core.todo import Todo
from leerkring.meetings.models import Meeting, MeetingRole
from leerkring.meetings.selfrun.actions import start_self_run
from leerkring.meetings.tests.conftest import Leergang, build_leergang
from leerkring.meetings.todo import todos

pytestmark = pytest.mark.django_db


def today() -> date:
    return timezone.localdate()


def items(user: Any) -> list[Todo]:
    return list(todos(user, list(user.memberships.active())))


def self_run(first: date, participants: int = 4) -> tuple[Leergang, LearningPeriod]:
    """A finished leergang, then meetings every two weeks from `first`, a coach
    at every second."""
    leergang = build_leergang(
        participants=participants, start=first - timedelta(days=220)
    )
    period = start_self_run(
        community=leergang.community,
        actor=leergang.coach,
        start_date=first,
        end_date=first + timedelta(weeks=20),
        interval_weeks=2,
        coach_every=2,
    )
    return leergang, period


def holder(period: LearningPeriod, number: int, role: str) -> Any:
    found = MeetingRole.objects.get(
        meeting__period=period, meeting__number=number, role=role
    )
    return found.membership.user


def test_the_chair_and_note_taker_of_a_coming_meeting_are_told() -> None:
    _leergang, period = self_run(today() + timedelta(days=3))
    meeting = Meeting.objects.get(period=period, number=1)
    chair = holder(period, 1, MeetingRole.Role.CHAIR)
    notes = holder(period, 1, MeetingRole.Role.NOTE_TAKER)
    detail = reverse("meetings:meeting-detail", args=[meeting.pk])
    chair_items = {t.text: t for t in items(chair)}
    notes_items = {t.text: t for t in items(notes)}
    with translation.override("nl"):
        day = formats.date_format(meeting.date, "l j F")
    said = next(t for t in chair_items if "bijeenkomst 1 " in t)
    assert said.startswith(f"Jij bent voorzitter van bijeenkomst 1 op {day}: ")
    assert (chair_items[said].url, chair_items[said].on) == (detail, meeting.date)
    said = next(t for t in notes_items if "bijeenkomst 1 " in t)
    assert said == (
        f"Jij notuleert bijeenkomst 1 op {day} en schrijft daarna de samenvatting"
    )
    assert (notes_items[said].url, notes_items[said].on) == (detail, meeting.date)
    # Meeting 3 is more than three weeks away: not yet on anyone's list.
    assert all(
        "bijeenkomst 1 " in text or "bijeenkomst 2 " in text
        for text in [*chair_items, *notes_items]
    )


def test_the_note_taker_is_asked_for_the_summary_until_it_is_published() -> None:
    _leergang, period = self_run(today() - timedelta(days=4))
    meeting = Meeting.objects.get(period=period, number=1)
    notes = holder(period, 1, MeetingRole.Role.NOTE_TAKER)
    summary = Todo(
        period.community_id,
        "Schrijf de samenvatting van bijeenkomst 1",
        reverse("meetings:summary-edit", args=[meeting.pk]),
    )
    assert summary in items(notes)
    assert all(
        t.url != summary.url for t in items(holder(period, 1, MeetingRole.Role.CHAIR))
    )
    meeting.summary = "Intervisie op de casus van Noor."
    meeting.summary_status = Meeting.SummaryStatus.PUBLISHED
    meeting.summary_published_at = timezone.now()
    meeting.save()
    assert summary not in items(notes)


def test_a_coach_sees_the_self_run_meetings_they_join() -> None:
    leergang, period = self_run(today() + timedelta(days=1))
    joined = Meeting.objects.get(period=period, number=2)  # every second meeting
    assert items(leergang.coach) == [
        Todo(
            period.community_id,
            "Sluit als coach aan bij zelfstandige bijeenkomst 2",
            reverse("meetings:meeting-detail", args=[joined.pk]),
            on=joined.date,
        )
    ]
    assert all("coach" not in t.text for p in leergang.participants for t in items(p))


def test_roles_in_other_communities_or_a_left_membership_do_not_show() -> None:
    leergang, period = self_run(today() + timedelta(days=3))
    chair = holder(period, 1, MeetingRole.Role.CHAIR)
    _other, _ = self_run(today() + timedelta(days=3))
    membership = chair.memberships.get(community=leergang.community)
    membership.status = membership.Status.LEFT
    membership.left_on = today()
    membership.save()
    assert items(chair) == []


def test_queries_do_not_grow_with_communities_and_meetings() -> None:
    leergang, period = self_run(today() - timedelta(days=4))
    person = holder(period, 1, MeetingRole.Role.NOTE_TAKER)

    def count(user: Any) -> int:
        with CaptureQueriesContext(connection) as queries:
            items(user)
        return len(queries)

    before = (count(person), count(leergang.coach))
    for _ in range(3):
        other, _period = self_run(today() + timedelta(days=2), participants=2)
        other.community.memberships.create(
            user=person, role="participant", status="active", joined_on=today()
        )
        other.community.memberships.create(
            user=leergang.coach, role="coach", status="active", joined_on=today()
        )
    assert (count(person), count(leergang.coach)) == before

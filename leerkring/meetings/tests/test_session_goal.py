"""Each session's own goal and shared intention (seed §1.5, element 2): set with
the agenda, shown at the check-in, looked back on at the check-out."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from leerkring.meetings import room
from leerkring.meetings.models import AgendaItem, Meeting
from leerkring.meetings.tests.conftest import Leergang
from leerkring.pulses.actions import close_window, open_window
from leerkring.pulses.models import Moment

pytestmark = pytest.mark.django_db

GOAL = "Ieder weet wat de ander van de opgave verwacht"
INTENTION = "We luisteren eerst, en oordelen later"


def _set_goal(client: Any, meeting: Meeting, **changes: str) -> Any:
    url = reverse("meetings:meeting-edit", args=[meeting.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data |= {"version": meeting.version, "date": meeting.date.isoformat()}
    data["practice_meanings"] = meeting.practice_meanings
    return client.post(url, data | changes)


def test_the_goal_is_set_with_the_session_and_shown_at_check_in_and_out(
    client: Any, leergang: Leergang
) -> None:
    meeting = leergang.meetings[2]
    client.force_login(leergang.coach)
    assert _set_goal(client, meeting, goal=GOAL, intention=INTENTION).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.goal, meeting.intention) == (GOAL, INTENTION)

    participant = leergang.participants[0]
    client.force_login(participant)
    detail = client.get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert GOAL in detail.content.decode()

    checkin = reverse("pulses:checkin", args=[leergang.community.pk])
    assert GOAL not in client.get(checkin).content.decode()  # nothing open yet
    open_window(meeting=meeting, moment=Moment.CHECK_IN, actor=leergang.coach)
    page = client.get(checkin).content.decode()
    assert GOAL in page
    assert INTENTION in page
    assert "Het doel en de intentie van deze bijeenkomst" in page

    close_window(meeting=meeting, moment=Moment.CHECK_IN)
    open_window(meeting=meeting, moment=Moment.CHECK_OUT, actor=leergang.coach)
    page = client.get(checkin).content.decode()
    assert "Terugblik op het doel van deze bijeenkomst" in page
    assert GOAL in page


def test_the_room_shows_the_goal_during_check_in_only(
    client: Any, leergang: Leergang
) -> None:
    meeting = leergang.meetings[0]
    Meeting.objects.filter(pk=meeting.pk).update(goal=GOAL)
    client.force_login(leergang.coach)
    screen = reverse("meetings:meeting-run", args=[meeting.pk])
    check_in, playful = AgendaItem.objects.filter(meeting=meeting)[:2]
    room.start_agenda_item(meeting=meeting, item=check_in)
    assert GOAL in client.get(screen).content.decode()
    room.start_agenda_item(meeting=meeting, item=playful)
    assert GOAL not in client.get(screen).content.decode()


def test_a_too_long_goal_is_refused_and_changes_nothing(
    client: Any, leergang: Leergang
) -> None:
    meeting = leergang.meetings[1]
    client.force_login(leergang.coach)
    response = _set_goal(client, meeting, goal="x" * 301)
    assert response.status_code == 200
    assert response.context["form"].errors["goal"]
    assert Meeting.objects.get(pk=meeting.pk).goal == ""

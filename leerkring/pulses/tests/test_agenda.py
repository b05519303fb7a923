"""Starting the check-in item of a session's agenda opens the check-in."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from leerkring.meetings.models import AgendaItem
from leerkring.meetings.room import start_agenda_item
from leerkring.pulses.models import PulseWindow

from .helpers import ANSWER, make_group

pytestmark = pytest.mark.django_db


def start(group: Any, kind: str) -> AgendaItem:
    meeting = group.meeting(1)
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=1 if kind == "check_in" else 9,
        kind=kind,
        title=kind,
        minutes=15,
    )
    start_agenda_item(meeting=meeting, item=item)
    return item


def test_starting_the_check_in_item_opens_the_check_in(client: Any) -> None:
    group = make_group()
    start(group, "check_in")
    client.force_login(group.participants[0])
    page = client.get(reverse("pulses:checkin", args=[group.community.pk]))
    assert "Check-in · bijeenkomst 1" in page.content.decode()
    url = reverse(
        "pulses:pulse-answer",
        args=[group.community.pk, group.meeting(1).pk, "check_in"],
    )
    assert client.post(url, ANSWER).status_code == 302


def test_a_coach_who_closes_it_keeps_it_closed_until_the_item_starts_again(
    client: Any,
) -> None:
    group = make_group()
    item = start(group, "check_in")
    client.force_login(group.coach)
    url = reverse(
        "pulses:window-update",
        args=[group.community.pk, group.meeting(1).pk, "check_in"],
    )
    client.get(reverse("pulses:checkin", args=[group.community.pk]))
    client.post(url, {"action": "close"})
    client.get(reverse("pulses:checkin", args=[group.community.pk]))
    assert PulseWindow.objects.get().is_closed
    later = timezone.now() + datetime.timedelta(seconds=1)
    meeting = group.meeting(1)
    meeting.current_item, meeting.current_item_started_at = item, later
    meeting.save()
    client.get(reverse("pulses:checkin", args=[group.community.pk]))
    assert PulseWindow.objects.get().is_open


def test_starting_the_check_out_item_opens_the_check_out() -> None:
    group = make_group()
    start(group, "check_out")
    from leerkring.pulses import pages

    window = pages.open_window(group.community)
    assert window is not None
    assert window.moment == "check_out"

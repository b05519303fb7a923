"""The person's calendar address, reminder choices and reminders: exported, erased."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from leerkring.core import personal_data
from leerkring.reports import reminders
from leerkring.reports.actions import renew_calendar_feed
from leerkring.reports.models import ReminderDelivery, local_datetime
from leerkring.reports.tests.factories import (
    ReminderPreferenceFactory,
    community_with_session,
)

pytestmark = pytest.mark.django_db


def test_the_export_holds_choices_and_reminders_but_not_the_secret() -> None:
    _community, _meeting, people, _coaches = community_with_session(in_days=2)
    person = people[0]
    feed = renew_calendar_feed(user=person)
    ReminderPreferenceFactory(user=person, coach_digest=False)
    reminders.run(local_datetime(timezone.localdate(), 9))
    data = personal_data.export(person)["reports"]
    assert data["reminder_preferences"]["coach_digest"] is False
    assert data["reminder_preferences"]["session_soon"] is True
    assert [r["kind"] for r in data["reminders"]] == ["session_soon"]
    assert data["reminders"][0]["status"] == "sent"
    assert feed.token not in str(data)
    assert data["calendar_address_created_at"]


def test_erasing_revokes_the_feed_and_forgets_reminders(client: Any) -> None:
    _community, _meeting, people, _coaches = community_with_session(in_days=2)
    person = people[0]
    token = renew_calendar_feed(user=person).token
    reminders.plan(local_datetime(timezone.localdate(), 9))
    personal_data.erase(person)
    assert client.get(reverse("reports:feed", args=[token])).status_code == 404
    assert not ReminderDelivery.objects.filter(recipient=person).exists()

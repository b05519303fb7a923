"""Calendar events and reminder e-mails carry the published agenda, not a draft."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from leerkring.meetings.agenda import publish_agenda
from leerkring.meetings.models import AgendaItem
from leerkring.meetings.tests.conftest import build_leergang
from leerkring.reports import sessions

pytestmark = pytest.mark.django_db
DRAFT = "ICS-MARKER-concept-onderdeel-5170"


def test_the_calendar_shows_the_agenda_only_once_published(client: Any) -> None:
    leergang = build_leergang()
    meeting = leergang.meetings[3]
    item = AgendaItem.objects.filter(meeting=meeting).first()
    assert item is not None
    AgendaItem.objects.filter(pk=item.pk).update(title=DRAFT)
    assert DRAFT not in "\n".join(sessions.describe(meeting).agenda)
    client.force_login(leergang.participants[0])
    ics = reverse("reports:meeting-ics", args=[meeting.pk])
    assert DRAFT not in client.get(ics).content.decode()
    publish_agenda(meeting=meeting, version=1)
    meeting.refresh_from_db()
    assert any(DRAFT in line for line in sessions.describe(meeting).agenda)
    assert DRAFT in client.get(ics).content.decode().replace("\r\n ", "")

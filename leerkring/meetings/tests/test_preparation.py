"""Preparing a session: an item lands where the coach wants it, the page stays
in place (htmx), and members see the agenda only once it is published."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from leerkring.core.concurrency import Stale
from leerkring.meetings.agenda import (
    delete_agenda_item,
    propose_open_space,
    publish_agenda,
)
from leerkring.meetings.models import AgendaItem, Attendance, Meeting
from leerkring.meetings.tests.conftest import Leergang
from leerkring.meetings.tests.conftest import agenda_titles as _titles

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
DRAFT_TITLE = "AGENDA-MARKER-half-af-4471"


def test_a_new_item_lands_before_the_check_out_by_default(
    client: Any, leergang: Leergang
) -> None:
    meeting = leergang.meetings[3]
    url = reverse("meetings:agenda-edit", args=[meeting.pk])
    client.force_login(leergang.coach)
    form = client.get(url).context["new_form"]
    before = _titles(meeting)
    data = {
        "kind": "custom",
        "title": "Gastspreker",
        "minutes": "15",
        "version": "1",
        "after": str(form["after"].initial),
    }
    response = client.post(
        reverse("meetings:agenda-item-new", args=[meeting.pk]), data, headers=HTMX
    )
    assert _titles(meeting) == [*before[:-1], "Gastspreker", before[-1]]
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="agenda"')  # no reload, no jump
    assert "“Gastspreker” staat op de agenda." in html
    # At the start, too: one step instead of many moves up.
    data |= {"title": "Welkom", "after": "0", "version": "2"}
    client.post(reverse("meetings:agenda-item-new", args=[meeting.pk]), data)
    assert _titles(meeting)[0] == "Welkom"


def test_a_place_that_is_not_on_the_agenda_is_refused(
    client: Any, leergang: Leergang
) -> None:
    meeting = leergang.meetings[3]
    client.force_login(leergang.coach)
    before = _titles(meeting)
    response = client.post(
        reverse("meetings:agenda-item-new", args=[meeting.pk]),
        {
            "kind": "custom",
            "title": "X",
            "minutes": "5",
            "version": "1",
            "after": "99",
        },
    )
    assert response.context["new_form"].errors["after"]
    assert _titles(meeting) == before


def test_members_see_the_agenda_only_when_the_coaches_publish_it(
    client: Any, leergang: Leergang
) -> None:
    meeting = leergang.meetings[3]
    detail = reverse("meetings:meeting-detail", args=[meeting.pk])
    client.force_login(leergang.participants[0])
    html = client.get(detail).content.decode()
    assert "De coaches bereiden de agenda voor" in html
    assert 'class="agenda-item' not in html
    first = AgendaItem.objects.filter(meeting=meeting).order_by("position").first()
    assert first is not None

    publish_agenda(meeting=meeting, version=1)
    assert 'class="agenda-item' in client.get(detail).content.decode()

    # A coach's intermediate edit, far over time, stays a draft for the members.
    AgendaItem.objects.filter(pk=first.pk).update(title=DRAFT_TITLE, minutes=200)
    Meeting.objects.filter(pk=meeting.pk).update(agenda_version=2)
    html = client.get(detail).content.decode()
    assert DRAFT_TITLE not in html
    assert "langer dan het dagdeel" not in html
    client.force_login(leergang.coach)
    html = client.get(detail).content.decode()
    assert DRAFT_TITLE in html  # the coaches see their draft, and the warning
    assert "langer dan het dagdeel" in html
    assert "wijzigingen niet gepubliceerd" in html

    page = client.post(
        reverse("meetings:agenda-publish", args=[meeting.pk]),
        {"version": "2"},
        headers=HTMX,
    )
    assert "gepubliceerd" in page.content.decode()
    client.force_login(leergang.participants[0])
    html = client.get(detail).content.decode()
    assert DRAFT_TITLE in html
    assert "langer dan het dagdeel" not in html  # never the coaches' warning
    assert "van 210 minuten" not in html  # nor their time budget
    assert "Einde om" in html


def test_publishing_what_someone_changed_since_is_refused(
    leergang: Leergang,
) -> None:
    meeting = leergang.meetings[3]
    item = AgendaItem.objects.filter(meeting=meeting).first()
    assert item is not None
    delete_agenda_item(item=item, version=1)
    with pytest.raises(Stale):
        publish_agenda(meeting=meeting, version=1)
    meeting.refresh_from_db()
    assert not meeting.agenda_is_published


def test_restoring_the_method_agenda_asks_first_and_names_what_goes(
    client: Any, leergang: Leergang
) -> None:
    meeting = leergang.meetings[3]
    first = AgendaItem.objects.filter(meeting=meeting).order_by("position").first()
    assert first is not None
    first.title = "Onze eigen opening"
    first.save()
    url = reverse("meetings:agenda-reset", args=[meeting.pk])
    client.force_login(leergang.coach)
    asked = client.get(url)
    html = asked.content.decode()
    assert "Onze eigen opening" in html
    assert "Dit kun je niet ongedaan maken" in html
    assert "Onze eigen opening" in _titles(meeting)  # nothing changed yet
    client.post(url, {"version": "1"})
    assert "Onze eigen opening" not in _titles(meeting)


def test_attendance_starts_from_the_check_in_and_everyone_is_one_click(
    client: Any, leergang: Leergang
) -> None:
    from leerkring.meetings import presence

    meeting = leergang.meetings[3]
    arrived = leergang.participants[1]

    def checked_in(seen: Any) -> set[int]:
        return {arrived.pk} if seen == meeting else set()

    presence.register(checked_in)
    try:
        client.force_login(leergang.coach)
        panel = client.get(reverse("meetings:coach-panel", args=[meeting.pk]))
    finally:
        presence._sources.remove(checked_in)
    initial = panel.context["attendance_form"].initial["present"]
    member = leergang.community.memberships.get(user=arrived)
    assert initial == [str(member.pk)]

    response = client.post(
        reverse("meetings:attendance-save", args=[meeting.pk]),
        {"everyone": "1"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="panel" id="attendance"')
    assert "De aanwezigheid is opgeslagen." in html
    rows = Attendance.objects.filter(meeting=meeting)
    assert rows.count() == rows.present().count() == 5


def test_attendance_with_a_stranger_is_refused_in_place_and_changes_nothing(
    client: Any, leergang: Leergang
) -> None:
    meeting = leergang.meetings[3]
    client.force_login(leergang.coach)
    response = client.post(
        reverse("meetings:attendance-save", args=[meeting.pk]),
        {"present": ["999999"]},
        headers=HTMX,
    )
    assert "Vink alleen leden van deze community aan." in response.content.decode()
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_accepting_a_proposal_keeps_the_coach_on_the_agenda(
    client: Any, leergang: Leergang
) -> None:
    meeting = leergang.meetings[3]
    proposal = propose_open_space(
        meeting=meeting, author=leergang.participants[0], title="Rollenspel"
    )
    client.force_login(leergang.coach)
    url = reverse("meetings:proposal-accept", args=[proposal.pk])
    response = client.post(url, {"version": "1"}, headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="agenda"')
    assert "Rollenspel" in _titles(meeting)
    again = client.post(url, {"version": "2"}, headers=HTMX).content.decode()
    assert "staat al op de agenda" in again  # said in place, nothing doubled
    assert _titles(meeting).count("Rollenspel") == 1

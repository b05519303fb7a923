"""Running a session, editing its themes, privacy of coach notes, query counts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from leerkring.communities.models import Membership
from leerkring.meetings import actions, lookback
from leerkring.meetings.agenda import propose_open_space
from leerkring.meetings.models import AgendaItem, Attendance, Meeting
from leerkring.meetings.room import record_attendance
from leerkring.meetings.tests.conftest import Leergang, build_leergang

pytestmark = pytest.mark.django_db
SECRET = "Ingrid lijkt zich terug te trekken."


def test_advancing_marks_the_current_item_and_remembers_when_it_started(
    client: Any, leergang: Leergang
) -> None:
    meeting = leergang.meetings[3]
    url = reverse("meetings:meeting-advance", args=[meeting.pk])
    client.force_login(leergang.coach)
    response = client.post(url, {"item": "next"}, headers={"HX-Request": "true"})
    first = AgendaItem.objects.filter(meeting=meeting).order_by("position").first()
    meeting.refresh_from_db()
    assert meeting.current_item == first
    started = meeting.current_item_started_at
    assert started is not None
    assert 'aria-current="step"' in response.content.decode()
    # A reload shows the same timer start: the server keeps it.
    page = client.get(reverse("meetings:meeting-run", args=[meeting.pk]))
    started_attr = f'data-started="{timezone.localtime(started).isoformat()}"'
    assert started_attr in page.content.decode()
    client.post(url, {"item": "next"})
    meeting.refresh_from_db()
    assert meeting.current_item is not None
    assert meeting.current_item.position == 2
    asked = client.post(url, {"item": "end"})
    assert "Bijeenkomst afsluiten?" in asked.content.decode()  # asks first
    meeting.refresh_from_db()
    assert meeting.current_item is not None
    assert meeting.closed_at is None
    closed = client.post(url, {"item": "end", "confirm": "1"}, follow=True)
    meeting.refresh_from_db()
    assert meeting.current_item is None
    assert meeting.closed_at is not None
    html = closed.content.decode()
    when = timezone.localtime(meeting.closed_at).strftime("%H:%M")
    assert f"Afgesloten om {when}" in html
    assert reverse("meetings:summary-edit", args=[meeting.pk]) in html
    assert "Nog niet begonnen" not in html
    assert "Bijeenkomst starten" not in html
    client.post(url, {"item": "reopen"})  # ended by mistake: undo
    meeting.refresh_from_db()
    assert meeting.closed_at is None


def test_attendance_is_one_row_per_active_member(leergang: Leergang) -> None:
    meeting = leergang.meetings[0]
    members = list(Membership.objects.filter(community=leergang.community))
    present = [m.pk for m in members if m.user != leergang.participants[0]]
    record_attendance(meeting=meeting, present=present)
    record_attendance(meeting=meeting, present=[*present, 999_999])
    rows = Attendance.objects.filter(meeting=meeting)
    assert rows.count() == len(members)
    assert rows.present().count() == len(members) - 1
    absent = rows.get(present=False)
    assert absent.membership.user == leergang.participants[0]


def test_coach_notes_are_for_coaches_only(client: Any, leergang: Leergang) -> None:
    meeting = leergang.meetings[0]
    actions.save_coach_notes(meeting=meeting, version=1, notes=SECRET)
    client.force_login(leergang.apprentice)
    panel = client.get(reverse("meetings:coach-panel", args=[meeting.pk]))
    assert SECRET in panel.content.decode()
    client.force_login(leergang.participants[0])
    for name in ("meeting-detail", "meeting-run", "coach-panel", "summary-edit"):
        response = client.get(reverse(f"meetings:{name}", args=[meeting.pk]))
        assert SECRET not in response.content.decode()
    notes = client.post(
        reverse("meetings:notes-save", args=[meeting.pk]),
        {"coach_notes": "overschreven", "version": "2"},
    )
    assert notes.status_code == 404
    meeting.refresh_from_db()
    assert meeting.coach_notes == SECRET


def test_two_coaches_typing_notes_lose_nothing(client: Any, leergang: Leergang) -> None:
    meeting = leergang.meetings[0]
    url = reverse("meetings:notes-save", args=[meeting.pk])
    client.force_login(leergang.coach)
    client.post(
        url, {"coach_notes": SECRET, "version": "1"}, headers={"HX-Request": "true"}
    )
    client.force_login(leergang.apprentice)
    response = client.post(
        url,
        {"coach_notes": "Mijn notitie", "version": "1"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "Mijn notitie" in html  # what the second coach typed is kept
    assert SECRET in html  # next to the current notes
    meeting.refresh_from_db()
    assert meeting.coach_notes == SECRET


def test_the_summary_reaches_members_only_when_published(
    client: Any, leergang: Leergang
) -> None:
    meeting = leergang.meetings[0]
    detail = reverse("meetings:meeting-detail", args=[meeting.pk])
    actions.save_summary(
        meeting=meeting,
        version=1,
        summary="We kozen onze ambitie.",
        publish=False,
    )
    client.force_login(leergang.participants[1])
    assert "We kozen onze ambitie." not in client.get(detail).content.decode()
    actions.save_summary(
        meeting=meeting,
        version=2,
        summary="We kozen onze ambitie.",
        publish=True,
    )
    assert "We kozen onze ambitie." in client.get(detail).content.decode()
    with pytest.raises(actions.MeetingError):
        actions.save_summary(meeting=meeting, version=3, summary=" ", publish=True)


def test_themes_are_editable_and_the_method_default_can_be_restored(
    client: Any, leergang: Leergang
) -> None:
    meeting = leergang.meetings[2]
    url = reverse("meetings:meeting-edit", args=[meeting.pk])
    client.force_login(leergang.coach)
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None} | {"version": 1}
    data["date"] = meeting.date.isoformat()
    data["practice_meanings"] = ["vision", "education"]
    data["personal_theme"] = "Weerstand"
    assert client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.personal_theme == "Weerstand"
    assert not meeting.is_method_default("personal_theme")
    assert meeting.is_method_default("personal_question")
    page = client.post(url, data | {"version": "2", "restore": "personal_theme"})
    assert page.context["form"]["personal_theme"].value() == "Tegenkracht"
    assert "Standaard van de methode:" in page.content.decode()


def test_moving_a_session_after_the_next_one_is_refused(
    client: Any, leergang: Leergang
) -> None:
    meeting, following = leergang.meetings[2], leergang.meetings[3]
    url = reverse("meetings:meeting-edit", args=[meeting.pk])
    client.force_login(leergang.coach)
    data = {k: v for k, v in client.get(url).context["form"].initial.items() if v}
    data["version"] = "1"
    data["practice_meanings"] = ["vision"]
    data["date"] = (following.date + timedelta(days=1)).isoformat()
    response = client.post(url, data)
    assert "moet vóór bijeenkomst 4" in str(response.context["form"].errors["date"])
    assert Meeting.objects.get(pk=meeting.pk).date == meeting.date
    data["date"] = (leergang.period.end_date + timedelta(days=10)).isoformat()
    response = client.post(url, data)
    assert "valt buiten de periode" in str(response.context["form"].errors["date"])


def _show_participant_count(
    meeting: Any, user: Any, *, shared_screen: bool
) -> lookback.LookBackSection:
    return lookback.LookBackSection(
        title="Test",
        template_name="meetings/tests/lookback_probe.html",
        context={"who": user.display_name, "number": meeting.number},
    )


def test_look_back_sections_come_from_registered_providers(
    client: Any, leergang: Leergang, settings: Any, tmp_path: Any
) -> None:
    folder = tmp_path / "meetings" / "tests"
    folder.mkdir(parents=True)
    (folder / "lookback_probe.html").write_text(
        "<h3>Probe</h3><p>for {{ section.context.who }} in {{ meeting }}</p>"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    lookback.register(_show_participant_count)
    try:
        client.force_login(leergang.participants[0])
        meeting = leergang.meetings[3]
        page = client.get(reverse("meetings:meeting-detail", args=[meeting.pk]))
        who = escape(leergang.participants[0].display_name)  # "van 't Riet"
        assert f"for {who} in Bijeenkomst 4" in page.content.decode()
    finally:
        lookback.unregister(_show_participant_count)
    assert lookback.sections_for(meeting, leergang.coach) == []


def _queries(client: Any, participants: int, name: str) -> int:
    leergang = build_leergang(participants=participants)
    meeting = leergang.meetings[3]
    for person in leergang.participants:
        propose_open_space(meeting=meeting, author=person, title="Idee")
    client.force_login(leergang.coach)
    args = [leergang.community.pk] if name == "period-overview" else [meeting.pk]
    url = reverse(f"meetings:{name}", args=args)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("name", "most"),
    [
        ("period-overview", 7),
        ("meeting-detail", 12),
        ("meeting-run", 11),
        ("coach-panel", 14),
    ],
)
def test_page_query_counts_do_not_grow_with_data(
    client: Any, name: str, most: int
) -> None:
    few, many = _queries(client, 2, name), _queries(client, 12, name)
    assert few == many, (few, many)
    assert many <= most


def test_a_notes_conflict_without_htmx_shows_the_panel_with_both_texts(
    client: Any, leergang: Leergang
) -> None:
    meeting = leergang.meetings[0]
    actions.save_coach_notes(meeting=meeting, version=1, notes=SECRET)
    client.force_login(leergang.apprentice)
    response = client.post(
        reverse("meetings:notes-save", args=[meeting.pk]),
        {"coach_notes": "Mijn notitie", "version": "1"},
    )
    html = response.content.decode()
    assert "Mijn notitie" in html
    assert SECRET in html
    assert 'id="attendance"' in html  # the whole panel, nothing lost

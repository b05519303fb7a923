"""Hours: sessions count by themselves, the rest is logged by hand."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

from leerkring.agreements.hours import hours_for
from leerkring.agreements.models import TimeEntry
from leerkring.agreements.tests.factories import Group, TimeEntryFactory
from leerkring.communities.models import Membership
from leerkring.meetings.models import Attendance
from leerkring.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def test_held_sessions_count_their_part_of_day() -> None:
    group = Group()
    MeetingFactory(period=group.period, number=1, date=TODAY - datetime.timedelta(21))
    MeetingFactory(period=group.period, number=2, date=TODAY - datetime.timedelta(1))
    MeetingFactory(period=group.period, number=3, date=TODAY + datetime.timedelta(20))
    user = group.participants[0]
    TimeEntryFactory(period=group.period, user=user, minutes=90, kind="preparation")
    TimeEntryFactory(period=group.period, user=user, minutes=30, kind="assignment")
    hours = hours_for(group.period, [user.pk])[user.pk]
    assert hours.sessions == 2 * 210
    assert hours.preparation == 90
    assert hours.assignments == 30
    assert hours.total == 540
    assert hours.percent == 18


def url(group: Group) -> str:
    return reverse("agreements:hours", args=[group.community.pk])


def test_a_participant_logs_time_and_sees_the_progress(client: Any) -> None:
    group = Group()
    client.force_login(group.participants[0])
    response = client.post(
        url(group),
        {
            "date": TODAY.isoformat(),
            "minutes": 90,
            "kind": "preparation",
            "note": "Lezen",
        },
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="hours-log"')
    assert "1,5 van 50 uur" in page
    assert '<progress class="hours-bar" max="3000" value="90"' in page


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"minutes": 0}, "minutes"),
        ({"minutes": 721}, "minutes"),
        ({"minutes": "anderhalf"}, "minutes"),
        ({"date": (TODAY + datetime.timedelta(1)).isoformat()}, "date"),
        ({"date": "2001-01-01"}, "date"),
        ({"date": "gisteren"}, "date"),
        ({"kind": "vakantie"}, "kind"),
    ],
)
def test_bad_time_is_refused_next_to_the_field(
    client: Any, change: dict[str, Any], field: str
) -> None:
    group = Group()
    client.force_login(group.participants[0])
    data = {"date": TODAY.isoformat(), "minutes": 60, "kind": "preparation"}
    response = client.post(url(group), {**data, **change})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not TimeEntry.objects.filter(period=group.period).exists()


def test_only_the_author_removes_an_entry(client: Any) -> None:
    group = Group()
    entry = TimeEntryFactory(period=group.period, user=group.participants[0])
    delete = reverse("agreements:hours-delete", args=[group.community.pk, entry.pk])
    client.force_login(group.participants[1])
    assert client.post(delete).status_code == 404
    client.force_login(group.coach)
    assert client.post(delete).status_code == 404
    client.force_login(group.participants[0])
    assert client.post(delete).status_code == 302
    assert not TimeEntry.objects.filter(period=group.period).exists()


def test_coaches_see_the_groups_totals_without_the_notes(client: Any) -> None:
    group = Group()
    TimeEntryFactory(
        period=group.period,
        user=group.participants[0],
        minutes=120,
        note="Privé notitie",
    )
    client.force_login(group.coach)
    page = client.get(url(group)).content.decode()
    assert "Uren van de groep" in page
    assert escape(group.participants[0].display_name) in page
    assert "Privé notitie" not in page
    assert "2,0" in page


def test_where_attendance_was_taken_only_those_present_get_the_session() -> None:
    group = Group()
    taken = MeetingFactory(
        period=group.period, number=1, date=TODAY - datetime.timedelta(14)
    )
    MeetingFactory(period=group.period, number=2, date=TODAY - datetime.timedelta(7))
    present, absent = group.participants[:2]
    for user, was_there in ((present, True), (absent, False)):
        Attendance.objects.create(
            meeting=taken,
            membership=Membership.objects.get(user=user, community=group.community),
            present=was_there,
        )
    hours = hours_for(group.period, [present.pk, absent.pk])
    assert hours[present.pk].sessions == 2 * 210
    assert hours[absent.pk].sessions == 210  # only the session without a register

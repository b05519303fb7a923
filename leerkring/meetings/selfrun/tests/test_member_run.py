"""Member-run meetings (issue 14): in a self-run period every member runs the
meeting and the chair leads it; coaches are guests who write an observation;
programme leads hear when a community goes without a coach for too long."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone, translation

from leerkring.communities.models import LearningPeriod, Membership
from leerkring.communities.tests.factories import ProgrammeLeadFactory
from leerkring.core.concurrency import Stale
from leerkring.meetings import actions, todo
from leerkring.meetings.models import Attendance, Meeting, MeetingRole
from leerkring.meetings.reminders import digest_lines
from leerkring.meetings.selfrun.attention import last_attention, months_before
from leerkring.meetings.selfrun.tests.test_self_run import start, today
from leerkring.meetings.tests.conftest import Leergang, build_leergang

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished() -> Leergang:
    return build_leergang(participants=4, start=today() - timedelta(days=200))


def _a_year_earlier(leergang: Leergang) -> None:
    """Move the leergang's sessions (a coach led each) back by 400 days."""
    Meeting.objects.filter(period=leergang.period).update(
        date=F("date") - timedelta(days=400)
    )


def _first(period: LearningPeriod) -> tuple[Meeting, Membership, Membership]:
    """The first meeting, its chair and a participant who does not chair it."""
    meeting = Meeting.objects.for_period(period).first()
    assert meeting is not None
    chair = MeetingRole.objects.get(meeting=meeting, role=MeetingRole.Role.CHAIR)
    assert chair.membership is not None
    other = (
        Membership.objects.active()
        .participants()
        .filter(community=period.community)
        .exclude(pk=chair.membership_id)
        .first()
    )
    assert other is not None
    return meeting, chair.membership, other


def test_the_room_opens_for_the_chair_first_and_follows_for_the_others(
    client: Any, finished: Leergang
) -> None:
    meeting, chair, other = _first(start(finished))
    room = reverse("meetings:meeting-run", args=[meeting.pk])
    client.force_login(chair.user)
    page = client.get(room).content.decode()
    assert "Jij bent voorzitter: start de bijeenkomst" in page
    assert 'class="button room-next"' in page
    assert "Coachpaneel" not in page  # the coach panel is not the members'
    assert "Iedereen aanwezig" in page  # attendance in the room itself
    client.force_login(other.user)
    page = client.get(room).content.decode()
    assert f"{chair.user.display_name} is voorzitter" in page
    assert 'class="button room-next"' not in page
    # ...yet the right to drive the room is every member's, not the chair's.
    response = client.post(
        reverse("meetings:meeting-advance", args=[meeting.pk]), {"item": "next"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.current_item is not None


def test_a_member_takes_attendance_and_returns_to_the_room(
    client: Any, finished: Leergang
) -> None:
    meeting, _chair, other = _first(start(finished))
    client.force_login(other.user)
    response = client.post(
        reverse("meetings:attendance-save", args=[meeting.pk]), {"everyone": "1"}
    )
    assert response.url == reverse("meetings:meeting-run", args=[meeting.pk])
    members = Membership.objects.active().filter(community=finished.community)
    assert Attendance.objects.filter(meeting=meeting, present=True).count() == (
        members.count()
    )


def test_two_members_move_a_meeting_at_once_the_second_sees_the_current_date(
    client: Any, finished: Leergang
) -> None:
    meeting, chair, other = _first(start(finished))
    url = reverse("meetings:meeting-edit", args=[meeting.pk])
    form = {
        "date": (meeting.date + timedelta(days=1)).isoformat(),
        "part_of_day": meeting.part_of_day,
        "location": "Elders",
        "online_url": "",
        "version": str(meeting.version),
    }
    client.force_login(chair.user)
    assert client.post(url, form).status_code == 302
    client.force_login(other.user)
    later = {**form, "date": (meeting.date + timedelta(days=2)).isoformat()}
    page = client.post(url, later).content.decode()
    meeting.refresh_from_db()
    assert meeting.date == date.fromisoformat(form["date"])  # the first one won
    assert "het is nu versie 2" in page
    assert "De huidige versie" in page
    with translation.override("nl"):
        assert formats.date_format(meeting.date, "j F Y") in page
    with pytest.raises(Stale):
        actions.update_meeting(meeting=meeting, version=1, changes={})


def test_in_the_leergang_the_coaches_still_lead(
    client: Any, finished: Leergang
) -> None:
    session = finished.meetings[-1]
    client.force_login(finished.participants[0])
    for name in ("meeting-run", "agenda-edit", "meeting-edit", "summary-edit"):
        url = reverse(f"meetings:{name}", args=[session.pk])
        assert client.get(url).status_code == 404


def test_a_visiting_coach_writes_an_observation_the_members_read(
    client: Any, finished: Leergang
) -> None:
    meeting, _chair, other = _first(start(finished))
    client.force_login(finished.coach)
    url = reverse("meetings:observation-edit", args=[meeting.pk])
    response = client.post(
        url, {"coach_observation": "Iedereen kwam aan bod.", "version": "1"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.observation_by == finished.coach
    client.force_login(other.user)
    detail = client.get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert "Iedereen kwam aan bod." in detail.content.decode()
    # A second coach saving against the version they saw is refused.
    client.force_login(finished.apprentice)
    page = client.post(url, {"coach_observation": "Anders.", "version": "1"})
    meeting.refresh_from_db()
    assert meeting.coach_observation == "Iedereen kwam aan bod."
    assert "Iedereen kwam aan bod." in page.content.decode()


def test_a_lead_hears_when_a_self_run_community_goes_without_a_coach(
    client: Any, finished: Leergang
) -> None:
    period = start(finished, start_date=today() - timedelta(days=3))
    organisation = finished.community.organisation
    lead = ProgrammeLeadFactory(organisation=organisation).user
    # The leergang's last session (a coach led it) is recent enough: nothing yet.
    assert list(todo.lead_todos(lead, [organisation])) == []
    _a_year_earlier(finished)
    (item,) = todo.lead_todos(lead, [organisation])
    assert "meer dan 4 maanden geen coach" in item.text
    assert f"?period={period.pk}" in item.url
    # The overview tells the lead the dates and figures, never names.
    client.force_login(lead)
    page = client.get(item.url).content.decode()
    assert "bijeenkomsten gehouden" in page
    for person in finished.participants:
        assert person.display_name not in page


def test_a_coach_ticked_present_or_an_observation_counts_as_attention(
    finished: Leergang,
) -> None:
    period = start(finished, start_date=today() - timedelta(days=3))
    _a_year_earlier(finished)
    meeting = Meeting.objects.for_period(period).first()
    assert meeting is not None
    community = finished.community.pk
    last_session = finished.meetings[-1].date
    assert last_attention([community], today()) == {community: last_session}
    coach = Membership.objects.get(user=finished.coach, community=community)
    Attendance.objects.create(meeting=meeting, membership=coach, present=True)
    assert last_attention([community], today()) == {community: meeting.date}


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 12, 8), 4, date(2026, 8, 8)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2026, 1, 15), 13, date(2024, 12, 15)),
        (date(2026, 5, 1), 0, date(2026, 5, 1)),
    ],
)
def test_months_before(day: date, months: int, expected: date) -> None:
    assert months_before(day, months) == expected


def test_the_coach_digest_names_the_next_meeting_a_coach_joins(
    finished: Leergang,
) -> None:
    period = start(finished, start_date=today() - timedelta(days=3), coach_every=2)
    visit = Meeting.objects.get(period=period, number=2)
    now = timezone.now()
    with translation.override("nl"):
        lines = digest_lines(finished.community, now - timedelta(days=7), now)
        day = formats.date_format(visit.date, "l j F")
    assert f"Een coach sluit aan bij zelfstandige bijeenkomst 2 op {day}" in lines

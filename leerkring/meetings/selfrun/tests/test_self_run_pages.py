"""The pages of a self-run period: starting it, its overview, a meeting, roles."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from leerkring.communities.models import LearningPeriod
from leerkring.communities.tests.factories import (
    MembershipFactory,
    ProgrammeLeadFactory,
)
from leerkring.meetings.models import AgendaItem, Meeting, MeetingRole
from leerkring.meetings.selfrun.tests.test_self_run import chairs_to_swap, start, today
from leerkring.meetings.tests.conftest import Leergang, build_leergang

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished() -> Leergang:
    return build_leergang(participants=4, start=today() - timedelta(days=200))


def _form(**changes: str) -> dict[str, str]:
    begin = today() + timedelta(days=7)
    return {
        "title": "",
        "start_date": begin.isoformat(),
        "end_date": (begin + timedelta(weeks=36)).isoformat(),
        "interval_weeks": "6",
        "coach_every": "3",
        "part_of_day": "afternoon",
        "location": "Lokaal B2.14",
        **changes,
    }


def test_the_coach_starts_a_self_run_period_from_the_sessions_tab(
    client: Any, finished: Leergang
) -> None:
    client.force_login(finished.coach)
    overview = reverse("meetings:period-overview", args=[finished.community.pk])
    assert "Zelfstandige periode starten" in client.get(overview).content.decode()
    url = reverse("meetings:self-run-create", args=[finished.community.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _form())
    period = LearningPeriod.objects.get(kind=LearningPeriod.Kind.SELF_RUN)
    assert response.status_code == 302
    assert response.url.endswith(f"?period={period.pk}")
    page = client.get(response.url).content.decode()
    assert "Voorzitter" in page
    assert "Notulist" in page
    assert "Met coach" in page
    assert escape(finished.participants[0].display_name) in page
    assert "meer dan een eerlijk deel" not in page


def test_bad_input_shows_the_reason_and_plans_nothing(
    client: Any, finished: Leergang
) -> None:
    client.force_login(finished.coach)
    url = reverse("meetings:self-run-create", args=[finished.community.pk])
    response = client.post(url, _form(end_date=today().isoformat()))
    assert response.status_code == 200
    assert "De einddatum moet na de begindatum liggen." in response.content.decode()
    response = client.post(url, _form(interval_weeks="0"))
    assert response.status_code == 200
    assert not LearningPeriod.objects.filter(kind=LearningPeriod.Kind.SELF_RUN)


def test_no_start_button_while_the_leergang_runs(client: Any) -> None:
    running = build_leergang(participants=3, start=today() - timedelta(days=30))
    client.force_login(running.coach)
    overview = reverse("meetings:period-overview", args=[running.community.pk])
    assert "Zelfstandige periode starten" not in client.get(overview).content.decode()
    url = reverse("meetings:self-run-create", args=[running.community.pk])
    page = client.get(url).content.decode()
    assert "loopt nog" in page


def test_the_overview_warns_when_someone_holds_more_than_a_fair_share(
    client: Any, finished: Leergang
) -> None:
    period = start(finished)  # 7 meetings, 14 roles over 4 people: 4, 4, 3, 3
    MembershipFactory(community=finished.community)  # a fair share is now 3
    client.force_login(finished.participants[0])
    url = reverse("meetings:period-overview", args=[finished.community.pk])
    page = client.get(f"{url}?period={period.pk}").content.decode()
    assert "meer dan hun eerlijke deel" in page
    client.force_login(finished.coach)
    schedule = period.self_run_schedule
    client.post(
        reverse("meetings:roles-redistribute", args=[period.pk]),
        {"version": schedule.version},
    )
    page = client.get(f"{url}?period={period.pk}").content.decode()
    assert "meer dan hun eerlijke deel" not in page


def test_a_programme_lead_sees_the_dates_but_not_who_holds_a_role(
    client: Any, finished: Leergang
) -> None:
    period = start(finished)
    lead = ProgrammeLeadFactory(organisation=finished.community.organisation).user
    client.force_login(lead)
    url = reverse("meetings:period-overview", args=[finished.community.pk])
    page = client.get(f"{url}?period={period.pk}").content.decode()
    assert "Met coach" in page
    for person in finished.participants:
        assert escape(person.display_name) not in page
    assert "Voorzitter" not in page


def _overview_queries(client: Any, weeks: int) -> int:
    leergang = build_leergang(participants=4, start=today() - timedelta(days=200))
    begin = today() + timedelta(days=7)
    period = start(leergang, start_date=begin, end_date=begin + timedelta(weeks=weeks))
    client.force_login(leergang.coach)
    url = reverse("meetings:period-overview", args=[leergang.community.pk])
    url += f"?period={period.pk}"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_overview_query_count_does_not_grow_with_meetings(client: Any) -> None:
    few, many = _overview_queries(client, 12), _overview_queries(client, 72)
    assert few == many, (few, many)
    # The roles with their definitions, and the equality guard: one query per
    # kind of fact it reads (roles, check-ins, agenda items, entries, answers).
    assert many <= 20


def test_a_self_run_meeting_page_shows_its_roles_and_agenda(
    client: Any, finished: Leergang
) -> None:
    period = start(finished)
    meeting = Meeting.objects.get(period=period, number=3)
    chair = MeetingRole.objects.get(meeting=meeting, role=MeetingRole.Role.CHAIR)
    client.force_login(chair.membership.user)
    page = client.get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Intervisie op een casus" in text
    assert "Met coach" in text
    assert "Ruil je rol als voorzitter met" in text
    assert "Open space" not in text


def test_a_participant_swaps_their_own_role_and_not_someone_elses(
    client: Any, finished: Leergang
) -> None:
    period = start(finished)
    mine, other = chairs_to_swap(period)
    me, them = mine.membership, other.membership
    client.force_login(them.user)
    swap = reverse("meetings:role-swap", args=[mine.pk])
    data = {
        f"role-{mine.pk}-version": "1",
        f"role-{mine.pk}-other": f"{other.pk}:1",
    }
    assert client.post(swap, data).status_code == 404
    client.force_login(me.user)
    response = client.post(swap, data)
    assert response.status_code == 302
    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.membership, other.membership) == (them, me)
    # The same swap again, on the versions seen before: refused, nothing changes.
    client.force_login(finished.coach)
    response = client.post(swap, data, follow=True)
    assert "er is niets geruild" in response.content.decode()
    mine.refresh_from_db()
    assert mine.membership == them


def test_self_run_meeting_date_place_agenda_and_summary(
    client: Any, finished: Leergang
) -> None:
    period = start(finished)
    meeting = Meeting.objects.get(period=period, number=2)
    client.force_login(finished.coach)
    edit = reverse("meetings:meeting-edit", args=[meeting.pk])
    page = client.get(edit).content.decode()
    assert "Thema" not in page.split("<form", 1)[1]
    response = client.post(
        edit,
        {
            "version": "1",
            "date": (meeting.date + timedelta(days=1)).isoformat(),
            "part_of_day": "evening",
            "location": "Bibliotheek",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.part_of_day, meeting.location) == ("evening", "Bibliotheek")
    AgendaItem.objects.filter(meeting=meeting).delete()
    client.post(
        reverse("meetings:agenda-reset", args=[meeting.pk]),
        {"version": meeting.agenda_version},
    )
    assert AgendaItem.objects.filter(meeting=meeting, kind="intervision").exists()
    notes = MeetingRole.objects.get(meeting=meeting, role=MeetingRole.Role.NOTE_TAKER)
    client.force_login(notes.membership.user)
    response = client.post(
        reverse("meetings:summary-edit", args=[meeting.pk]),
        {
            "version": meeting.version,
            "summary": "We bespraken Anouks casus.",
            "publish": "1",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.summary_is_published
    # The roles are tasks, not rights: the chair may edit the summary too.
    chair = MeetingRole.objects.get(meeting=meeting, role=MeetingRole.Role.CHAIR)
    client.force_login(chair.membership.user)
    assert (
        client.get(reverse("meetings:summary-edit", args=[meeting.pk])).status_code
        == 200
    )


def test_the_coach_changes_how_often_a_coach_joins(
    client: Any, finished: Leergang
) -> None:
    period = start(finished, coach_every=3)
    client.force_login(finished.coach)
    url = reverse("meetings:self-run-settings", args=[period.pk])
    assert client.get(url).status_code == 200
    data = {"version": "1", "title": "Samen verder", "coach_every": "2"}
    assert client.post(url, data).status_code == 302
    marked = [m.number for m in Meeting.objects.for_period(period) if m.with_coach]
    assert marked == [2, 4, 6]
    response = client.post(url, {**data, "coach_every": "4"})
    assert response.status_code == 200  # a stale version: shown, not saved
    period.refresh_from_db()
    assert period.title == "Samen verder"
    assert period.self_run_schedule.coach_every == 2


def test_the_community_page_shows_the_self_run_period(
    client: Any, finished: Leergang
) -> None:
    period = start(finished, start_date=today(), end_date=today() + timedelta(weeks=24))
    client.force_login(finished.participants[0])
    page = client.get(
        reverse("communities:community-detail", args=[finished.community.pk])
    ).content.decode()
    assert str(period) in page
    assert "met coach" in page


def test_the_intake_preparation_link_belongs_to_the_leergang(
    client: Any, finished: Leergang
) -> None:
    period = start(finished)
    client.force_login(finished.participants[0])
    overview = reverse("meetings:period-overview", args=[finished.community.pk])
    preparation = reverse("intake:preparation", args=[finished.community.pk])
    self_run = client.get(overview, {"period": period.pk}).content.decode()
    leergang = client.get(overview, {"period": finished.period.pk}).content.decode()
    assert preparation not in self_run
    assert preparation in leergang

"""Setting up a leergang: the action, its rules, and the form page."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from leerkring.communities.models import LearningPeriod, Membership
from leerkring.communities.tests.factories import (
    CommunityFactory,
    LearningPeriodFactory,
    MembershipFactory,
)
from leerkring.core.models import AuditAction, AuditEvent
from leerkring.meetings.leergang import create_leergang
from leerkring.meetings.models import AgendaItem, Meeting, PartOfDay
from leerkring.meetings.scheduling import PlanError, SessionPlan, propose_dates
from leerkring.meetings.tests.conftest import Leergang, agenda_titles, plan

pytestmark = pytest.mark.django_db
START = date(2031, 1, 6)  # a Monday


def _community_and_coach() -> tuple[Any, Any]:
    community = CommunityFactory()
    coach = MembershipFactory(community=community, role=Membership.Role.COACH).user
    return community, coach


def test_a_leergang_gets_its_sessions_themes_and_agendas() -> None:
    community, coach = _community_and_coach()
    with translation.override("nl"):
        period = create_leergang(
            community=community, actor=coach, start_date=START, sessions=plan(START)
        )
    assert period.kind == LearningPeriod.Kind.LEERGANG
    assert period.end_date == START + timedelta(days=183)
    meetings = list(Meeting.objects.for_period(period))
    assert [m.number for m in meetings] == list(range(1, 9))
    assert meetings[0].professional_theme == "Professioneel doelstellen"
    assert meetings[3].personal_question == "Wat wil je echt?"
    assert meetings[7].stage == "Secure & celebrate"
    assert len(meetings[0].practice_meanings) == 6
    for meeting in meetings:
        items = AgendaItem.objects.filter(meeting=meeting)
        assert sum(i.minutes for i in items) == meeting.duration_minutes


@pytest.mark.parametrize("count", [4, 6, 12])
def test_other_numbers_of_sessions_keep_the_first_and_last_theme(count: int) -> None:
    community, coach = _community_and_coach()
    period = create_leergang(
        community=community,
        actor=coach,
        start_date=START,
        sessions=plan(START, count),
    )
    meetings = list(Meeting.objects.for_period(period))
    assert len(meetings) == count
    assert meetings[0].method_step == 1
    assert meetings[-1].method_step == 8


def _kickoff_and_landing(titles: list[str]) -> tuple[bool, bool, bool]:
    return (
        "Getting to know each other, playfully" in titles,
        "Collective ambition and concrete goal" in titles,
        "Harvest of the collective track" in titles,
    )


@pytest.mark.parametrize(
    ("count", "steps"),
    [
        (4, [1, 3, 6, 8]),
        (6, [1, 2, 4, 5, 7, 8]),
        (10, [1, 2, 3, 3, 4, 5, 6, 6, 7, 8]),
    ],
)
def test_each_sessions_agenda_follows_the_row_it_was_given(
    count: int, steps: list[int]
) -> None:
    """Session 2 of four carries row 3's themes, so it gets row 3's agenda (not
    session 2's); the last session always lands; a repeated row deepens."""
    community, coach = _community_and_coach()
    community.language = "en"  # the titles below are the method's English
    community.save(update_fields=["language"])
    with translation.override("en"):
        period = create_leergang(
            community=community,
            actor=coach,
            start_date=START,
            sessions=plan(START, count),
        )
    meetings = list(Meeting.objects.for_period(period))
    assert [m.method_step for m in meetings] == steps
    for meeting, step in zip(meetings, steps, strict=True):
        titles = agenda_titles(meeting)
        kickoff, ambition, landing = _kickoff_and_landing(titles)
        assert kickoff == (step == 1)
        first_on_row = [m.method_step for m in meetings].index(step) + 1
        assert ambition == (step == 2 and meeting.number == first_on_row)
        assert landing == (step == 8)
        if 3 <= step <= 7 or meeting.number != first_on_row:
            assert str(meeting.professional_theme) in titles
        assert (
            sum(
                AgendaItem.objects.filter(meeting=meeting).values_list(
                    "minutes", flat=True
                )
            )
            == meeting.duration_minutes
        )
    if count == 4:
        assert meetings[1].personal_theme == "Counterforce"


def test_proposed_dates_are_spread_evenly_on_weekdays() -> None:
    days = propose_dates(START, START + timedelta(days=183), 8)
    assert days[0] == START
    assert all(day.weekday() < 5 for day in days)
    gaps = [(b - a).days for a, b in itertools.pairwise(days)]
    assert max(gaps) - min(gaps) <= 6
    assert days[-1] <= START + timedelta(days=183)


def _refused(**kwargs: Any) -> PlanError:
    community = kwargs.pop("community", None)
    if community is None:
        community, _coach = _community_and_coach()
    kwargs.setdefault("start_date", START)
    kwargs.setdefault("end_date", START + timedelta(days=183))
    kwargs.setdefault("sessions", plan(START))
    with pytest.raises(PlanError) as error, translation.override("en"):
        create_leergang(community=community, actor=None, **kwargs)
    assert not Meeting.objects.filter(period__community=community).exists()
    return error.value


def test_a_session_outside_the_period_is_refused_and_nothing_saved() -> None:
    sessions = plan(START)
    sessions[7] = SessionPlan(date=START + timedelta(days=200))
    problems = _refused(sessions=sessions).problems
    assert "falls outside the period" in problems.sessions[7]["date"][0]


def test_two_sessions_on_the_same_date_and_part_of_day_are_refused() -> None:
    sessions = plan(START)
    sessions[2] = SessionPlan(date=sessions[1].date)
    problems = _refused(sessions=sessions).problems
    assert "same date and part of day as session 2" in problems.sessions[2]["date"][0]


def test_morning_and_afternoon_of_one_day_are_two_slots() -> None:
    community, coach = _community_and_coach()
    sessions = plan(START)
    sessions[0] = SessionPlan(date=START, part_of_day=PartOfDay.MORNING)
    sessions[1] = SessionPlan(date=START, part_of_day=PartOfDay.AFTERNOON)
    period = create_leergang(
        community=community, actor=coach, start_date=START, sessions=sessions
    )
    assert period.meetings.count() == 8


def test_sessions_out_of_order_are_refused() -> None:
    sessions = plan(START)
    sessions[3], sessions[4] = sessions[4], sessions[3]
    problems = _refused(sessions=sessions).problems
    assert "must come after session 4" in problems.sessions[4]["date"][0]


def test_an_end_before_the_start_is_refused() -> None:
    problems = _refused(end_date=START - timedelta(days=1)).problems
    assert problems.fields["end_date"]


def test_an_overlapping_period_of_the_same_community_is_refused() -> None:
    community, _coach = _community_and_coach()
    LearningPeriodFactory(
        community=community, start_date=START - timedelta(days=30), title="Eerder"
    )
    problems = _refused(community=community).problems
    assert "overlaps with “Eerder”" in problems.fields["start_date"][0]


def test_another_communitys_period_does_not_overlap() -> None:
    community, coach = _community_and_coach()
    LearningPeriodFactory(start_date=START)
    create_leergang(
        community=community, actor=coach, start_date=START, sessions=plan(START)
    )


@pytest.mark.parametrize("count", [3, 13])
def test_fewer_than_4_or_more_than_12_sessions_are_refused(count: int) -> None:
    problems = _refused(sessions=plan(START, count)).problems
    assert problems.fields["count"]


# The page.


def _form_data(sessions: list[SessionPlan], **extra: str) -> dict[str, str]:
    data = {
        "start_date": START.isoformat(),
        "end_date": (START + timedelta(days=183)).isoformat(),
        "count": str(len(sessions)),
        "title": "",
        "sessions-TOTAL_FORMS": str(len(sessions)),
        "sessions-INITIAL_FORMS": "0",
    }
    for index, session in enumerate(sessions):
        data[f"sessions-{index}-date"] = session.date.isoformat()
        data[f"sessions-{index}-part_of_day"] = session.part_of_day
        data[f"sessions-{index}-location"] = session.location
        data[f"sessions-{index}-online_url"] = ""
    return data | extra


def test_the_coach_plans_a_leergang_on_one_page(client: Any) -> None:
    community, coach = _community_and_coach()
    client.force_login(coach)
    url = reverse("meetings:leergang-create", args=[community.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["plan"].sessions.total_form_count() == 8
    response = client.post(url, _form_data(plan(START)))
    assert response.status_code == 302
    assert Meeting.objects.filter(period__community=community).count() == 8
    event = AuditEvent.objects.get(action=AuditAction.LEERGANG_CREATED)
    period = LearningPeriod.objects.get(community=community)
    assert event.actor == coach
    assert event.target == f"communities.learningperiod:{period.pk}"
    assert event.detail == {"community": community.pk, "sessions": 8}


def test_propose_dates_respreads_for_a_new_number_and_keeps_the_place(
    client: Any,
) -> None:
    community, coach = _community_and_coach()
    client.force_login(coach)
    url = reverse("meetings:leergang-create", args=[community.pk])
    data = _form_data(plan(START), count="6", propose="1")
    response = client.post(url, data, headers={"HX-Request": "true"})
    sessions = response.context["plan"].sessions
    assert sessions.total_form_count() == 6
    assert sessions.forms[5].initial["location"] == "Lokaal B2.14"
    assert not LearningPeriod.objects.filter(community=community).exists()


def test_an_error_is_shown_next_to_the_session_and_nothing_saved(client: Any) -> None:
    community, coach = _community_and_coach()
    client.force_login(coach)
    sessions = plan(START)
    sessions[5] = SessionPlan(date=START + timedelta(days=400))
    url = reverse("meetings:leergang-create", args=[community.pk])
    response = client.post(url, _form_data(sessions))
    assert response.status_code == 200
    assert response.context["plan"].sessions.forms[5].errors["date"]
    assert "valt buiten de periode" in response.content.decode()
    assert not LearningPeriod.objects.filter(community=community).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.LEERGANG_CREATED).exists()


def test_an_empty_end_date_means_about_six_months(client: Any) -> None:
    community, coach = _community_and_coach()
    client.force_login(coach)
    url = reverse("meetings:leergang-create", args=[community.pk])
    client.post(url, _form_data(plan(START), end_date=""))
    period = LearningPeriod.objects.get(community=community)
    assert period.end_date == START + timedelta(days=183)


def test_changing_the_number_without_proposing_asks_to_check_new_dates(
    client: Any,
) -> None:
    community, coach = _community_and_coach()
    client.force_login(coach)
    url = reverse("meetings:leergang-create", args=[community.pk])
    response = client.post(url, _form_data(plan(START), count="10"))
    assert response.context["plan"].form.errors["count"]
    assert response.context["plan"].sessions.total_form_count() == 10
    assert not LearningPeriod.objects.filter(community=community).exists()


def test_previous_and_next_stay_within_the_period(leergang: Leergang) -> None:
    first, second, *_rest, last = leergang.meetings
    assert first.previous() is None
    assert first.next() == second
    assert second.previous() == first
    assert last.next() is None

"""After the leergang: starting a self-run period, its roles and its coach."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone, translation

from leerkring.communities.models import LearningPeriod, Membership
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.core.concurrency import Stale
from leerkring.core.models import AuditAction, AuditEvent
from leerkring.meetings import personal_data, scheduling
from leerkring.meetings.actions import MeetingError
from leerkring.meetings.leergang import create_leergang
from leerkring.meetings.method import SELF_RUN_AGENDA, ItemKind
from leerkring.meetings.models import AgendaItem, Meeting, MeetingRole, SelfRunSchedule
from leerkring.meetings.scheduling import PlanError
from leerkring.meetings.selfrun.actions import (
    redistribute_roles,
    start_self_run,
    swap_roles,
    update_self_run,
)
from leerkring.meetings.selfrun.rotation import fair_share
from leerkring.meetings.tests.conftest import Leergang, build_leergang, plan

pytestmark = pytest.mark.django_db


def today() -> date:
    return timezone.localdate()


@pytest.fixture
def finished() -> Leergang:
    """A community whose leergang ended 17 days ago, with four participants."""
    return build_leergang(participants=4, start=today() - timedelta(days=200))


def start(leergang: Leergang, **changes: Any) -> LearningPeriod:
    begin = today() + timedelta(days=7)
    options: dict[str, Any] = {
        "community": leergang.community,
        "actor": leergang.coach,
        "start_date": begin,
        "end_date": begin + timedelta(weeks=36),
        "interval_weeks": 6,
        "coach_every": 3,
        "location": "Lokaal B2.14",
        **changes,
    }
    return start_self_run(**options)


def roles_of(period: LearningPeriod) -> list[MeetingRole]:
    return list(
        MeetingRole.objects.for_period(period).select_related("meeting", "membership")
    )


def test_a_self_run_period_meets_at_its_rhythm_without_themes(
    finished: Leergang,
) -> None:
    with translation.override("nl"):
        period = start(finished)
    assert period.kind == LearningPeriod.Kind.SELF_RUN
    assert period.self_run_schedule.interval_weeks == 6
    meetings = list(Meeting.objects.for_period(period))
    # 36 weeks at one meeting every 6 weeks: 7 meetings, the last on the end date.
    assert [m.number for m in meetings] == list(range(1, 8))
    assert [m.date for m in meetings] == [
        period.start_date + timedelta(weeks=6 * i) for i in range(7)
    ]
    for meeting in meetings:
        assert meeting.method_step is None
        assert meeting.professional_theme == ""
        assert meeting.themes() == []
        assert meeting.location == "Lokaal B2.14"
        kinds = list(
            AgendaItem.objects.filter(meeting=meeting)
            .order_by("position")
            .values_list("kind", flat=True)
        )
        assert kinds == [item.kind for item in SELF_RUN_AGENDA]
        assert ItemKind.INTERVISION in kinds
    titles = AgendaItem.objects.filter(meeting=meetings[0]).values_list(
        "title", flat=True
    )
    assert "Uitwisselen van ervaringen" in titles
    assert AuditEvent.objects.filter(
        action=AuditAction.LEERGANG_CREATED,
        target=f"communities.learningperiod:{period.pk}",
    ).exists()


def test_a_coach_joins_every_third_meeting(finished: Leergang) -> None:
    period = start(finished, coach_every=3)
    marked = [m.number for m in Meeting.objects.for_period(period) if m.with_coach]
    assert marked == [3, 6]


def test_roles_rotate_over_the_participants_within_a_fair_share(
    finished: Leergang,
) -> None:
    period = start(finished)
    roles = roles_of(period)
    meetings = Meeting.objects.for_period(period).count()
    assert len(roles) == 2 * meetings
    holders = {r.membership.user for r in roles if r.membership}
    assert holders == set(finished.participants)  # never the coaches
    share = fair_share(2 * meetings, len(finished.participants))
    for person in finished.participants:
        assert sum(r.membership.user == person for r in roles if r.membership) <= share
    for number in range(1, meetings + 1):
        chair, notes = [r for r in roles if r.meeting.number == number]
        assert chair.membership != notes.membership
    chairs = {r.membership.user for r in roles if r.role == MeetingRole.Role.CHAIR}
    assert chairs == set(finished.participants)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end_date": today() + timedelta(days=3)}, "end_date", "na de begindatum"),
        ({"start_date": today() - timedelta(days=40)}, "start_date", "laatste"),
        ({"interval_weeks": 0}, "interval_weeks", "Kom elke"),
        ({"interval_weeks": 13}, "interval_weeks", "Kom elke"),
        ({"coach_every": 0}, "coach_every", "coach"),
        (
            {"end_date": today() + timedelta(weeks=60), "interval_weeks": 1},
            "end_date",
            "26",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_changes(
    finished: Leergang, changes: dict[str, Any], field: str, message: str
) -> None:
    before = (LearningPeriod.objects.count(), Meeting.objects.count())
    with translation.override("nl"), pytest.raises(PlanError) as refused:
        start(finished, **changes)
    assert any(message in text for text in refused.value.problems.fields[field])
    assert (LearningPeriod.objects.count(), Meeting.objects.count()) == before


def test_refused_while_the_leergang_still_runs() -> None:
    running = build_leergang(participants=3, start=today() - timedelta(days=30))
    with translation.override("nl"), pytest.raises(PlanError) as refused:
        start(running)
    assert "loopt nog" in refused.value.problems.fields["start_date"][0]
    assert not LearningPeriod.objects.filter(kind=LearningPeriod.Kind.SELF_RUN)


def test_refused_without_a_leergang(finished: Leergang) -> None:
    other = build_leergang(participants=3, start=today() - timedelta(days=200))
    LearningPeriod.objects.filter(community=other.community).delete()
    with pytest.raises(PlanError) as refused:
        start(other)
    assert "start_date" in refused.value.problems.fields


def test_refused_when_it_overlaps_another_period(finished: Leergang) -> None:
    first = start(finished)
    with translation.override("nl"), pytest.raises(PlanError) as refused:
        start(finished, start_date=first.end_date - timedelta(days=7))
    assert "overlapt" in refused.value.problems.fields["start_date"][0]
    assert LearningPeriod.objects.filter(community=finished.community).count() == 2


def test_a_new_period_may_follow_the_first(finished: Leergang) -> None:
    first = start(finished)
    begin = first.end_date + timedelta(days=1)
    second = start(finished, start_date=begin, end_date=begin + timedelta(weeks=24))
    assert second.kind == LearningPeriod.Kind.SELF_RUN


def test_refused_with_fewer_than_two_participants() -> None:
    alone = build_leergang(participants=1, start=today() - timedelta(days=200))
    with translation.override("nl"), pytest.raises(PlanError) as refused:
        start(alone)
    assert "twee actieve deelnemers" in refused.value.problems.fields["start_date"][0]


def test_after_the_last_session_the_leergang_ends_the_day_before() -> None:
    """The last session is held but the leergang's period still runs: starting on
    their own ends the leergang the day before."""
    leergang = build_leergang(participants=3, start=today() - timedelta(days=400))
    begin = today() - timedelta(days=160)
    community = leergang.community
    held = create_leergang(
        community=community,
        actor=leergang.coach,
        start_date=begin,
        end_date=begin + timedelta(days=183),
        sessions=plan(begin, days=150),
    )
    period = start(leergang)
    held.refresh_from_db()
    assert held.end_date == period.start_date - timedelta(days=1)


# Swapping roles.


def _role(period: LearningPeriod, number: int, role: str) -> MeetingRole:
    return MeetingRole.objects.select_related("membership__user").get(
        meeting__period=period, meeting__number=number, role=role
    )


def test_a_member_swaps_a_role_and_the_shares_stay(finished: Leergang) -> None:
    period = start(finished)
    mine = _role(period, 1, MeetingRole.Role.CHAIR)
    theirs = _role(period, 2, MeetingRole.Role.CHAIR)
    me, them = mine.membership, theirs.membership
    swap_roles(role=mine, other=theirs, actor=me.user, version=1, other_version=1)
    assert _role(period, 1, MeetingRole.Role.CHAIR).membership == them
    assert _role(period, 2, MeetingRole.Role.CHAIR).membership == me
    assert _role(period, 1, MeetingRole.Role.CHAIR).version == 2
    assert AuditEvent.objects.filter(action=AuditAction.ROLE_CHANGED).exists()


def test_chair_and_note_taker_of_one_meeting_may_swap(finished: Leergang) -> None:
    period = start(finished)
    chair = _role(period, 1, MeetingRole.Role.CHAIR)
    notes = _role(period, 1, MeetingRole.Role.NOTE_TAKER)
    swap_roles(
        role=chair, other=notes, actor=finished.coach, version=1, other_version=1
    )
    assert _role(period, 1, MeetingRole.Role.CHAIR).membership == notes.membership


def test_a_swap_that_doubles_someone_up_is_refused(finished: Leergang) -> None:
    period = start(finished)
    chair = _role(period, 1, MeetingRole.Role.CHAIR)
    notes = _role(period, 1, MeetingRole.Role.NOTE_TAKER)
    # Someone who is chair at another meeting, while taking notes at meeting 1.
    other = (
        MeetingRole.objects.filter(
            meeting__period=period,
            role=MeetingRole.Role.CHAIR,
            membership=notes.membership,
        )
        .exclude(meeting__number=1)
        .first()
    )
    assert other is not None
    with pytest.raises(MeetingError):
        swap_roles(
            role=chair, other=other, actor=finished.coach, version=1, other_version=1
        )
    assert _role(period, 1, MeetingRole.Role.CHAIR).membership == chair.membership


def test_a_swap_on_a_stale_version_changes_nothing(finished: Leergang) -> None:
    """Two members swap the same roles at once: the second is refused."""
    period = start(finished)
    first = _role(period, 1, MeetingRole.Role.CHAIR)
    second = _role(period, 2, MeetingRole.Role.CHAIR)
    swap_roles(
        role=first, other=second, actor=finished.coach, version=1, other_version=1
    )
    with pytest.raises(Stale):
        swap_roles(
            role=first, other=second, actor=finished.coach, version=1, other_version=1
        )
    now = _role(period, 1, MeetingRole.Role.CHAIR)
    assert (now.membership, now.version) == (second.membership, 2)


def test_roles_of_a_meeting_held_no_longer_change(finished: Leergang) -> None:
    period = start(finished)
    first = _role(period, 1, MeetingRole.Role.CHAIR)
    second = _role(period, 2, MeetingRole.Role.CHAIR)
    Meeting.objects.filter(pk=first.meeting_id).update(date=today() - timedelta(days=1))
    with pytest.raises(MeetingError):
        swap_roles(
            role=first, other=second, actor=finished.coach, version=1, other_version=1
        )


# Configuring: coach attention and a fresh share of the roles.


def test_changing_the_coach_rhythm_marks_meetings_from_today(
    finished: Leergang,
) -> None:
    period = start(finished, coach_every=3)
    schedule = period.self_run_schedule
    update_self_run(schedule=schedule, version=1, title="", coach_every=2)
    marked = [m.number for m in Meeting.objects.for_period(period) if m.with_coach]
    assert marked == [2, 4, 6]
    with pytest.raises(Stale):
        update_self_run(schedule=schedule, version=1, title="", coach_every=4)
    schedule.refresh_from_db()
    assert schedule.coach_every == 2


def test_redistributing_includes_a_newcomer_and_keeps_the_shares(
    finished: Leergang,
) -> None:
    period = start(finished)
    newcomer = MembershipFactory(community=finished.community)
    redistribute_roles(
        schedule=period.self_run_schedule, actor=finished.coach, version=1
    )
    roles = roles_of(period)
    share = fair_share(len(roles), 5)
    holders = [r.membership for r in roles]
    assert newcomer in holders
    assert max(holders.count(m) for m in set(holders)) <= share
    assert all(r.version == 2 for r in roles)


def test_leaving_and_erasure_open_the_roles_still_to_come(finished: Leergang) -> None:
    period = start(finished)
    person = finished.participants[0]
    exported = personal_data.export(person)["meeting_roles"]
    assert exported
    assert {row["role"] for row in exported} <= {"chair", "note_taker"}
    personal_data.erase(person)
    assert not MeetingRole.objects.filter(membership__user=person)
    assert MeetingRole.objects.for_period(period).filter(membership=None).exists()
    Membership.objects.filter(user=person).update(status=Membership.Status.LEFT)
    redistribute_roles(
        schedule=period.self_run_schedule, actor=finished.coach, version=1
    )
    assert not MeetingRole.objects.for_period(period).filter(membership=None)


@pytest.mark.parametrize(
    ("every", "dutch", "english"),
    [
        (1, "een coach sluit aan bij elke bijeenkomst", "a coach joins every meeting"),
        (
            3,
            "een coach sluit aan bij elke derde bijeenkomst",
            "a coach joins every third meeting",
        ),
        (
            scheduling.MAX_COACH_EVERY,
            "een coach sluit aan bij elke twaalfde bijeenkomst",
            "a coach joins every twelfth meeting",
        ),
    ],
)
def test_the_coach_rhythm_is_said_with_an_ordinal(
    every: int, dutch: str, english: str
) -> None:
    schedule = SelfRunSchedule(coach_every=every)
    assert schedule.coach_rhythm == dutch
    with translation.override("en"):
        assert schedule.coach_rhythm == english

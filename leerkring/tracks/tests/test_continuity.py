"""A new period carries over the long-term parts of both tracks (issue 15), and
earlier periods stay readable, read-only, through the period switcher."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from leerkring.accounts.models import User
from leerkring.communities.models import (
    Community,
    LearningPeriod,
    Membership,
    Sharing,
)
from leerkring.communities.tests.factories import (
    CommunityFactory,
    LearningPeriodFactory,
    MembershipFactory,
)
from leerkring.meetings.leergang import create_leergang
from leerkring.meetings.scheduling import SessionPlan, propose_dates
from leerkring.tracks import actions
from leerkring.tracks.models import (
    CollectiveTrackVersion,
    LearningQuestion,
    PersonalTrack,
    QualityPitfall,
)

pytestmark = pytest.mark.django_db

AMBITION = "ZQambitieX: toetsing die leren laat groeien"
GOAL = "ZQdoelX: drie vakgroepen toetsen formatief"
MISSION = "ZQmissieX: onderwijs dat ertoe doet"
QUESTION = "ZQvraagX: hoe geef ik feedback die landt?"


@dataclass
class TwoPeriods:
    community: Community
    first: LearningPeriod
    coach: User
    stays: User
    leaves: User

    def start_second(self) -> LearningPeriod:
        start = timezone.localdate() - timedelta(days=20)
        return _leergang(self.community, self.coach, start)


def _leergang(community: Community, coach: User, start: date) -> LearningPeriod:
    end = start + timedelta(days=150)
    sessions = [SessionPlan(date=day) for day in propose_dates(start, end, 4)]
    with translation.override("nl"):
        return create_leergang(
            community=community,
            actor=coach,
            start_date=start,
            end_date=end,
            sessions=sessions,
        )


@pytest.fixture
def lived(db: None) -> TwoPeriods:
    """A community whose first leergang is over; two participants wrote their
    tracks, one of them has left since."""
    community = CommunityFactory()
    coach = MembershipFactory(community=community, role=Membership.Role.COACH).user
    stays = MembershipFactory(community=community).user
    leaves = MembershipFactory(community=community).user
    first = _leergang(community, coach, timezone.localdate() - timedelta(days=400))
    actions.edit_collective_track(
        period=first,
        actor=stays,
        version=0,
        ambition=AMBITION,
        goal=GOAL,
        assignment_do="Dit staat ons te doen",
        assignment_result="En dit is het resultaat",
        strategic_goal="Leren centraal",
        sdgs=[4],
    )
    for person in (stays, leaves):
        actions.set_mission(
            period=first, owner=person, mission=MISSION, sharing=Sharing.COMMUNITY
        )
        actions.add_quality(
            period=first,
            owner=person,
            quality="Geduldig",
            pitfall="Afwachtend",
            challenge="Daadkracht",
            allergy="Drammerigheid",
            sharing=Sharing.COMMUNITY,
        )
        question = actions.set_learning_question(
            period=first,
            owner=person,
            version=0,
            text="Eerste versie",
            sharing=Sharing.COMMUNITY,
        )
        actions.set_learning_question(
            period=first,
            owner=person,
            version=question.version,
            text=QUESTION,
            sharing=Sharing.COMMUNITY,
        )
    Membership.objects.filter(user=leaves).update(status=Membership.Status.LEFT)
    return TwoPeriods(community, first, coach, stays, leaves)


def test_the_ambition_comes_along_and_the_goal_only_when_asked(
    lived: TwoPeriods,
) -> None:
    second = lived.start_second()
    version = CollectiveTrackVersion.objects.get(track__period=second)
    assert version.number == 1
    assert version.ambition == AMBITION
    assert version.strategic_goal == "Leren centraal"
    assert version.sdgs == [4]
    assert version.goal == version.assignment_do == ""
    assert "Overgenomen uit" in version.note


def test_each_staying_member_keeps_mission_qualities_and_question(
    lived: TwoPeriods,
) -> None:
    second = lived.start_second()
    track = PersonalTrack.objects.get(period=second, owner=lived.stays)
    old = PersonalTrack.objects.get(period=lived.first, owner=lived.stays)
    assert track.carried_from == old
    assert track.mission == MISSION
    quality = QualityPitfall.objects.get(personal_track=track)
    assert (quality.quality, quality.allergy) == ("Geduldig", "Drammerigheid")
    question = LearningQuestion.objects.get(personal_track=track)
    assert question.carried_from == LearningQuestion.objects.get(personal_track=old)
    assert [v.text for v in question.history] == [QUESTION]
    # The earlier period is untouched.
    assert len(LearningQuestion.objects.get(personal_track=old).history) == 2
    assert QualityPitfall.objects.filter(personal_track=old).count() == 1


def test_nothing_is_carried_over_for_who_left(lived: TwoPeriods) -> None:
    second = lived.start_second()
    assert not PersonalTrack.objects.filter(period=second, owner=lived.leaves).exists()
    assert PersonalTrack.objects.filter(period=lived.first, owner=lived.leaves).exists()


def test_nothing_private_becomes_visible_to_a_newcomer(
    client: Any, lived: TwoPeriods
) -> None:
    """Carried-over items start as "only me and the coaches", whatever they were."""
    second = lived.start_second()
    track = PersonalTrack.objects.get(period=second, owner=lived.stays)
    assert track.mission_sharing == Sharing.COACHES
    assert {q.sharing for q in QualityPitfall.objects.filter(personal_track=track)} == {
        Sharing.COACHES
    }
    assert LearningQuestion.objects.get(personal_track=track).sharing == Sharing.COACHES
    newcomer = MembershipFactory(community=lived.community).user
    client.force_login(newcomer)
    for url in (
        reverse("tracks:overview", args=[lived.community.pk]),
        reverse("tracks:collective", args=[lived.community.pk]),
    ):
        page = client.get(url).content.decode()
        assert "ZQmissieX" not in page
        assert "ZQvraagX" not in page
    assert client.get(reverse("tracks:person", args=[track.pk])).status_code == 200
    person = client.get(reverse("tracks:person", args=[track.pk])).content.decode()
    assert "ZQmissieX" not in person
    assert "ZQvraagX" not in person
    # The owner and the coach read it.
    client.force_login(lived.stays)
    page = client.get(reverse("tracks:my-track", args=[lived.community.pk]))
    assert "ZQmissieX" in page.content.decode()
    assert "ZQvraagX" in page.content.decode()
    assert "of herschrijf ze voor deze periode" in page.content.decode()
    client.force_login(lived.coach)
    assert (
        "ZQvraagX"
        in client.get(reverse("tracks:person", args=[track.pk])).content.decode()
    )


def test_the_community_carries_the_goal_over_once(
    client: Any, lived: TwoPeriods
) -> None:
    lived.start_second()
    url = reverse("tracks:collective", args=[lived.community.pk])
    carry = reverse("tracks:carry-over-goal", args=[lived.community.pk])
    client.force_login(lived.stays)
    assert "Het doel van vorige periode overnemen" in client.get(url).content.decode()
    assert client.post(carry).status_code == 302
    page = client.get(url).content.decode()
    assert GOAL in page
    assert "Het doel van vorige periode overnemen" not in page
    versions = CollectiveTrackVersion.objects.filter(
        track__period__start_date__gt=lived.first.end_date
    )
    assert versions.count() == 2
    response = client.post(carry, follow=True)
    assert "Er is geen doel om over te nemen" in response.content.decode()
    assert versions.count() == 2


def test_an_earlier_period_is_readable_and_read_only(
    client: Any, lived: TwoPeriods
) -> None:
    second = lived.start_second()
    actions.edit_collective_track(
        period=second,
        actor=lived.stays,
        version=1,
        ambition="Een nieuwe ambitie voor periode twee",
        goal="",
        assignment_do="",
        assignment_result="",
        strategic_goal="",
        sdgs=[],
    )
    client.force_login(lived.stays)
    url = reverse("tracks:collective", args=[lived.community.pk])
    current = client.get(url).content.decode()
    assert "Een nieuwe ambitie voor periode twee" in current
    assert reverse("tracks:progress-add", args=[lived.community.pk]) in current
    earlier = client.get(url, {"period": lived.first.pk}).content.decode()
    assert AMBITION in earlier
    assert GOAL in earlier
    assert "een eerdere periode" in earlier
    assert reverse("tracks:progress-add", args=[lived.community.pk]) not in earlier
    assert reverse("tracks:collective-edit", args=[lived.community.pk]) not in earlier

    mine = reverse("tracks:my-track", args=[lived.community.pk])
    earlier = client.get(mine, {"period": lived.first.pk}).content.decode()
    assert "Eerste versie" in earlier
    assert reverse("tracks:question-edit", args=[lived.community.pk]) not in earlier
    assert reverse("tracks:mission-edit", args=[lived.community.pk]) not in earlier
    history = reverse("tracks:collective-history", args=[lived.community.pk])
    assert AMBITION in client.get(history, {"period": lived.first.pk}).content.decode()


@pytest.mark.parametrize("period", ["other", "999999", "x"])
def test_a_period_of_another_community_is_not_found(
    client: Any, lived: TwoPeriods, period: str
) -> None:
    other = LearningPeriodFactory()
    client.force_login(lived.stays)
    url = reverse("tracks:collective", args=[lived.community.pk])
    value = str(other.pk) if period == "other" else period
    assert client.get(url, {"period": value}).status_code == 404


def test_the_demo_alumni_lived_through_two_periods(
    client: Any, demo_community: Any
) -> None:
    """The demo's alumni community: its leergang readable, its self-run period
    started from it."""
    community = demo_community.alumni_community
    leergang = demo_community.alumni_leergang
    current = community.current_period()
    assert current.kind == LearningPeriod.Kind.SELF_RUN
    version = CollectiveTrackVersion.objects.get(track__period=current)
    assert "Feedback die studenten vooruit helpt" in version.ambition
    assert version.goal == ""
    bram = demo_community.alumni[0]
    track = PersonalTrack.objects.get(period=current, owner=bram)
    assert track.carried_from.period == leergang
    client.force_login(bram)
    mine = reverse("tracks:my-track", args=[community.pk])
    assert "Hoe geef ik feedback op een ontwerp" in client.get(mine).content.decode()
    earlier = client.get(
        reverse("tracks:collective", args=[community.pk]), {"period": leergang.pk}
    ).content.decode()
    assert "Vier teams werken met feedbackmomenten" in earlier

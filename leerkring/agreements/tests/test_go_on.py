"""The decision to go on at the harvest, and its effects when the next period
starts (issue 15)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from leerkring.agreements import continuation
from leerkring.agreements.models import ContinuationDecision, GoOn, MemberIntention
from leerkring.communities.models import Membership, Sharing
from leerkring.core.models import AuditAction, AuditEvent
from leerkring.meetings.leergang import create_leergang
from leerkring.meetings.scheduling import PlanError, SessionPlan
from leerkring.meetings.tests.conftest import Leergang, build_leergang
from leerkring.tracks import actions as tracks
from leerkring.tracks.models import PersonalTrack

pytestmark = pytest.mark.django_db


@pytest.fixture
def harvested(db: None) -> Leergang:
    return build_leergang(
        participants=3, start=timezone.localdate() - timedelta(days=200)
    )


def _next_leergang(group: Leergang) -> Any:
    start = timezone.localdate() + timedelta(days=10)
    sessions = [SessionPlan(date=start + timedelta(weeks=3 * n)) for n in range(4)]
    return create_leergang(
        community=group.community,
        actor=group.coach,
        start_date=start,
        end_date=start + timedelta(weeks=13),
        sessions=sessions,
    )


def test_the_community_decides_and_each_member_says_their_own_word(
    client: Any, harvested: Leergang
) -> None:
    url = reverse("agreements:go-on", args=[harvested.community.pk])
    client.force_login(harvested.participants[0])
    response = client.post(url, {"form": "community", "community-choice": "as_is"})
    assert response.status_code == 302
    decision = ContinuationDecision.objects.get(period=harvested.period)
    assert decision.choice == GoOn.AS_IS
    assert decision.decided_by == harvested.participants[0]
    client.post(url, {"form": "mine", "mine-choice": "leaves"})
    client.force_login(harvested.participants[1])
    client.post(url, {"form": "mine", "mine-choice": "other_community"})
    page = client.get(url).content.decode()
    assert "Ik vertrek: <strong>1</strong>" in page
    assert "We gaan door zoals we zijn" in page
    assert (
        MemberIntention.objects.get(user=harvested.participants[0]).choice == "leaves"
    )


def test_a_choice_outside_the_list_is_refused_and_changes_nothing(
    client: Any, harvested: Leergang
) -> None:
    url = reverse("agreements:go-on", args=[harvested.community.pk])
    client.force_login(harvested.participants[0])
    response = client.post(url, {"form": "community", "community-choice": "forever"})
    assert response.status_code == 200
    assert response.context["community_form"].errors
    response = client.post(url, {"form": "mine"})
    assert response.context["own_form"].errors
    assert not ContinuationDecision.objects.exists()
    assert not MemberIntention.objects.exists()


def test_who_leaves_leaves_when_the_next_period_starts_and_keeps_their_data(
    harvested: Leergang,
) -> None:
    leaver, elsewhere, stayer = harvested.participants
    period = harvested.period
    for person in (leaver, stayer):
        tracks.set_mission(
            period=period, owner=person, mission="Mijn missie", sharing=Sharing.COACHES
        )
    continuation.decide(period=period, actor=stayer, choice=GoOn.AS_IS)
    continuation.state_intention(period=period, user=leaver, choice="leaves")
    continuation.state_intention(
        period=period, user=elsewhere, choice="other_community"
    )
    continuation.state_intention(period=period, user=stayer, choice="stays")
    # Nothing happens before the next period starts.
    assert Membership.objects.get(user=leaver).status == Membership.Status.ACTIVE
    second = _next_leergang(harvested)
    status = dict(
        Membership.objects.filter(community=harvested.community).values_list(
            "user", "status"
        )
    )
    assert status[leaver.pk] == Membership.Status.LEFT
    assert status[elsewhere.pk] == Membership.Status.LEFT
    assert status[stayer.pk] == Membership.Status.ACTIVE
    assert PersonalTrack.objects.filter(period=period, owner=leaver).exists()
    assert not PersonalTrack.objects.filter(period=second, owner=leaver).exists()
    assert PersonalTrack.objects.filter(period=second, owner=stayer).exists()
    left = Membership.objects.get(user=leaver)
    audited = AuditEvent.objects.get(
        action=AuditAction.ROLE_CHANGED, target=f"membership:{left.pk}"
    )
    assert "oogst" in audited.detail["reason"]


def test_a_community_that_stops_plans_no_new_period(harvested: Leergang) -> None:
    continuation.decide(
        period=harvested.period, actor=harvested.coach, choice=GoOn.STOP
    )
    with pytest.raises(PlanError) as refused:
        _next_leergang(harvested)
    assert "besloot de community te stoppen" in str(refused.value.problems.fields)
    continuation.decide(
        period=harvested.period, actor=harvested.coach, choice=GoOn.NEW_COMPOSITION
    )
    assert _next_leergang(harvested).pk

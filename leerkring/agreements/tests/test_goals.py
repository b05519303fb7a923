"""Goals on three aspects: set at the start, evaluated at the end, private where
they are personal."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from leerkring.agreements import actions
from leerkring.agreements.models import Aspect, CollectiveGoal, PersonalGoal
from leerkring.agreements.tests.factories import (
    CollectiveGoalFactory,
    Group,
    PersonalGoalFactory,
)
from leerkring.communities.models import Membership
from leerkring.core.concurrency import Stale

pytestmark = pytest.mark.django_db


def harvest_page(client: Any, group: Group, user: Any) -> str:
    client.force_login(user)
    url = reverse("agreements:harvest", args=[group.community.pk])
    response = client.get(url)
    assert response.status_code == 200
    return str(response.content.decode())


def test_a_collective_goal_is_set_and_a_stale_change_is_refused() -> None:
    group = Group()
    goal = actions.save_collective_goal(
        period=group.period,
        actor=group.coach,
        aspect=Aspect.LEARNING_YIELD,
        text="Leren van elkaar.",
        criteria="Drie voorbeelden.",
        version=0,
    )
    assert goal.version == 1
    with pytest.raises(Stale):
        actions.save_collective_goal(
            period=group.period,
            actor=group.participants[0],
            aspect=Aspect.LEARNING_YIELD,
            text="Iets anders.",
            criteria="Drie voorbeelden.",
            version=0,
        )
    assert CollectiveGoal.objects.get(period=group.period).text == "Leren van elkaar."


def test_the_personal_aspect_is_not_a_collective_goal() -> None:
    group = Group()
    with pytest.raises(actions.AgreementError):
        actions.save_collective_goal(
            period=group.period,
            actor=group.coach,
            aspect=Aspect.PERSONAL,
            text="x",
            criteria="Drie voorbeelden.",
            version=0,
        )


def test_satisfaction_outside_one_to_five_is_refused_by_the_database() -> None:
    with pytest.raises(IntegrityError):
        CollectiveGoalFactory(satisfaction=6)


def test_a_private_goal_is_read_by_its_owner_and_the_coaches_only(client: Any) -> None:
    group = Group()
    owner, other = group.participants[:2]
    PersonalGoalFactory(period=group.period, owner=owner, text="Mijn geheime doel.")
    assert "Mijn geheime doel." in harvest_page(client, group, owner)
    assert "Mijn geheime doel." in harvest_page(client, group, group.coach)
    assert "Mijn geheime doel." not in harvest_page(client, group, other)
    assert "Mijn geheime doel." not in harvest_page(client, group, group.lead)


def test_a_shared_goal_is_read_by_the_other_participants(client: Any) -> None:
    group = Group()
    owner, other = group.participants[:2]
    PersonalGoalFactory(period=group.period, owner=owner, text="Gedeeld.", shared=True)
    assert "Gedeeld." in harvest_page(client, group, other)


def test_the_goals_of_a_member_who_left_stay_theirs_alone() -> None:
    group = Group()
    leaver = group.participants[0]
    goal = PersonalGoalFactory(period=group.period, owner=leaver, shared=True)
    Membership.objects.filter(user=leaver).update(status=Membership.Status.LEFT)
    visible = PersonalGoal.objects.visible_to
    assert not visible(group.coach, group.community).contains(goal)
    assert not visible(group.participants[1], group.community).contains(goal)
    assert visible(leaver, group.community).contains(goal)


def test_a_participant_sets_and_shares_their_goal(client: Any) -> None:
    group = Group()
    owner = group.participants[0]
    client.force_login(owner)
    url = reverse("agreements:personal-goal-edit", args=[group.community.pk])
    response = client.post(
        url,
        {
            "version": 0,
            "text": "Beter vragen.",
            "criteria": "CRITERIAPG1 mijn studenten merken het",
            "shared": "on",
        },
    )
    assert response.status_code == 302
    goal = PersonalGoal.objects.get(owner=owner)
    assert goal.shared
    assert goal.text == "Beter vragen."
    assert goal.criteria == "CRITERIAPG1 mijn studenten merken het"


def test_a_goal_without_success_criteria_is_refused(client: Any) -> None:
    group = Group()
    client.force_login(group.coach)
    url = reverse("agreements:goal-edit", args=[group.community.pk, "content"])
    response = client.post(url, {"version": 0, "text": "Vier opleidingen."})
    assert response.status_code == 200
    assert "Dit veld is verplicht" in response.content.decode()
    assert not CollectiveGoal.objects.exists()


def test_the_evaluation_shows_criteria_and_result_side_by_side(client: Any) -> None:
    group = Group()
    CollectiveGoalFactory(
        period=group.period,
        aspect=Aspect.CONTENT,
        criteria="CRITERIACG2 vier toetsplannen",
        reached="partly",
        evidence="EVIDENCECG3 drie toetsplannen",
        evaluated_at=timezone.now(),
    )
    html = harvest_page(client, group, group.participants[0])
    block = html[html.index('class="criteria-result"') :]
    assert block.index("CRITERIACG2") < block.index("EVIDENCECG3")
    client.force_login(group.participants[0])
    url = reverse("agreements:goal-evaluate", args=[group.community.pk, "content"])
    assert "CRITERIACG2" in client.get(url).content.decode()


def test_coaches_have_no_personal_goal_page(client: Any) -> None:
    group = Group()
    client.force_login(group.coach)
    url = reverse("agreements:personal-goal-edit", args=[group.community.pk])
    assert client.get(url).status_code == 404


def test_an_evaluation_is_recorded_with_yield(client: Any) -> None:
    group = Group()
    goal = CollectiveGoalFactory(period=group.period, aspect=Aspect.LEARNING_YIELD)
    client.force_login(group.participants[0])
    url = reverse(
        "agreements:goal-evaluate", args=[group.community.pk, "learning_yield"]
    )
    response = client.post(
        url,
        {
            "version": goal.version,
            "reached": "partly",
            "satisfaction": "4",
            "evidence": "Drie opleidingen werken ermee.",
            "validated_by": "Examencommissie",
            "validation": "Bekeek de nieuwe toetsmatrijs en keurde die goed.",
            "learned": "Veranderen gaat via gesprekken, niet via regels.",
        },
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.reached == "partly"
    assert goal.satisfaction == 4
    assert goal.evaluated_at is not None
    page = harvest_page(client, group, group.coach)
    assert "Veranderen gaat via gesprekken" in page
    assert "Deels bereikt" in page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"satisfaction": "7"}, "satisfaction", "Selecteer een geldige keuze"),
        ({"reached": ""}, "reached", "Dit veld is verplicht"),
        ({"validated_by": "Panel", "validation": ""}, "validation", "Vermeld wat"),
        ({"validation": "Goedgekeurd."}, "validated_by", "Vermeld wie"),
        ({"learned": ""}, "learned", "Dit veld is verplicht"),
    ],
)
def test_bad_evaluations_are_refused_next_to_the_field(
    client: Any, change: dict[str, str], field: str, message: str
) -> None:
    group = Group()
    goal = CollectiveGoalFactory(period=group.period, aspect=Aspect.LEARNING_YIELD)
    client.force_login(group.coach)
    url = reverse(
        "agreements:goal-evaluate", args=[group.community.pk, "learning_yield"]
    )
    data = {"version": 1, "reached": "yes", "satisfaction": "5", "learned": "Veel."}
    response = client.post(url, {**data, **change})
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    goal.refresh_from_db()
    assert goal.evaluated_at is None


def test_the_programme_lead_sees_only_counts_on_the_harvest(client: Any) -> None:
    group = Group()
    CollectiveGoalFactory(period=group.period, text="Inhoudelijk doel van de groep.")
    PersonalGoalFactory(period=group.period, owner=group.participants[0], shared=True)
    page = harvest_page(client, group, group.lead)
    assert "Inhoudelijk doel van de groep." not in page
    assert "1 van 3 deelnemers stelden een doel" in page

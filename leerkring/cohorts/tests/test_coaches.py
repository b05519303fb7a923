"""Coaches for a cohort: the organisation's coaches, and its alumni who said they
would like to coach a new community (master — journeyman — apprentice)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from leerkring.alumni.models import Answer
from leerkring.alumni.tests.factories import CoachingInterestFactory
from leerkring.cohorts.forms import CoachForm
from leerkring.cohorts.tests.factories import CohortFactory
from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import CommunityFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_alumni_who_said_yes_are_offered_as_coaches(
    lead_client: Any, lead_role: Any
) -> None:
    cohort = CohortFactory(organisation=lead_role.organisation)
    community = CommunityFactory(organisation=lead_role.organisation)
    coach = MembershipFactory(community=community, role=Membership.Role.COACH).user
    said = {
        answer: CoachingInterestFactory(
            membership=MembershipFactory(community=community), answer=answer
        ).membership.user
        for answer in Answer
    }
    elsewhere = CoachingInterestFactory().membership.user  # another organisation
    offered = CoachForm(cohort=cohort).fields["existing"]
    labels = {user: offered.label_from_instance(user) for user in offered.queryset}
    assert set(labels) == {coach, said[Answer.YES]}
    assert labels[said[Answer.YES]].endswith("oud-deelnemer die graag wil coachen")
    assert labels[coach] == f"{coach.display_name} ({coach.email})"
    assert elsewhere not in labels

    alumnus = said[Answer.YES]
    response = lead_client.post(
        reverse("cohorts:coach-create", args=[cohort.pk]),
        {"coach-existing": alumnus.pk, "coach-experienced": "0", "coach-capacity": 1},
    )
    assert response.status_code == 302
    added = cohort.coaches.get()
    assert (added.name, added.email, added.experienced) == (
        alumnus.display_name,
        alumnus.email,
        False,
    )

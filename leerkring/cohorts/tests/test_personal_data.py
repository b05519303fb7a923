"""Diversity attributes are personal data: exportable, erasable, seen by leads only."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from leerkring.accounts.tests.factories import UserFactory
from leerkring.cohorts import personal_data
from leerkring.cohorts.models import CohortMember
from leerkring.cohorts.tests.helpers import composed
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.core.models import AuditEvent


def test_export_holds_the_persons_own_attributes_and_consent(lead_role: Any) -> None:
    cohort, _proposal = composed(lead_role.organisation, lead_role.user, 12)
    user = UserFactory(email="PERSOON4@example.nl")
    data = personal_data.export(user)
    assert len(data["cohorts"]) == 1
    entry = data["cohorts"][0]
    assert entry["cohort"] == cohort.name
    assert entry["consent"] is True
    assert entry["discipline"]
    assert entry["consented_attributes"] == [
        "age",
        "gender",
        "education",
        "discipline",
        "experience",
    ]


def test_erase_removes_the_person_from_cohorts_and_draft_proposals(
    lead_role: Any,
) -> None:
    cohort, proposal = composed(lead_role.organisation, lead_role.user, 12)
    member = cohort.members.get(email="persoon4@example.nl")
    user = UserFactory(email="persoon4@example.nl")
    personal_data.erase(user)
    assert not CohortMember.objects.filter(pk=member.pk).exists()
    proposal.refresh_from_db()
    assert member.pk not in {i for g in proposal.groups for i in g}
    assert personal_data.export(user) == {"cohorts": [], "coach_listings": []}


def test_the_lead_erases_one_persons_diversity_data(
    lead_client: Any, lead_role: Any
) -> None:
    cohort, _proposal = composed(lead_role.organisation, lead_role.user, 12)
    member = cohort.members.order_by("pk").first()
    response = lead_client.post(
        reverse("cohorts:member-erase", args=[cohort.pk, member.pk])
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.has_diversity_data
    assert not member.consent
    assert member.consent_date is None
    assert cohort.members.filter(consent=True).count() == 11
    assert AuditEvent.objects.filter(
        action="diversity_data_erased", target=f"cohort_member:{member.pk}"
    ).exists()


def test_the_lead_erases_the_whole_cohorts_diversity_data(
    lead_client: Any, lead_role: Any
) -> None:
    cohort, _proposal = composed(lead_role.organisation, lead_role.user, 12)
    lead_client.post(reverse("cohorts:cohort-erase", args=[cohort.pk]))
    assert not any(m.has_diversity_data for m in cohort.members.all())
    assert not cohort.members.filter(consent=True).exists()
    assert cohort.members.count() == 12  # names and roles stay for composing


def test_a_member_of_another_cohort_cannot_be_erased_through_this_one(
    lead_client: Any, lead_role: Any
) -> None:
    cohort, _p = composed(lead_role.organisation, lead_role.user, 12)
    other = CohortMember.objects.create(
        cohort=composed(lead_role.organisation, lead_role.user, 13)[0],
        name="Ander",
        email="ander@example.nl",
        role="student",
        gender="vrouw",
    )
    response = lead_client.post(
        reverse("cohorts:member-erase", args=[cohort.pk, other.pk])
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.gender == "vrouw"


def test_participants_and_coaches_never_see_diversity_data(
    client: Any, lead_role: Any
) -> None:
    """Even a coach of a community in the same organisation gets 'not found'."""
    cohort, proposal = composed(lead_role.organisation, lead_role.user, 12)
    coach = MembershipFactory(
        community__organisation=lead_role.organisation, role="coach"
    ).user
    client.force_login(coach)
    for url in (
        reverse("cohorts:cohort-detail", args=[cohort.pk]),
        reverse("cohorts:proposal-detail", args=[proposal.pk]),
        reverse("cohorts:cohort-list", args=[lead_role.organisation.pk]),
    ):
        assert client.get(url).status_code == 404

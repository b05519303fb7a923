"""The organisation page: its communities in order, with their places."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from leerkring.communities.models import Community, LearningPeriod, Membership
from leerkring.communities.tests.factories import (
    CommunityFactory,
    LearningPeriodFactory,
    MembershipFactory,
    ProgrammeLeadFactory,
)

pytestmark = pytest.mark.django_db


def test_the_organisation_lists_its_communities_by_name(client: Any) -> None:
    """By name, although the counts group the query (no Meta.ordering there)."""
    lead_role = ProgrammeLeadFactory()
    client.force_login(lead_role.user)
    names = ["Zorg en welzijn", "Anders beoordelen", "Mediawijs"]
    for name in names:
        MembershipFactory(
            community=CommunityFactory(organisation=lead_role.organisation, name=name)
        )
    url = reverse("communities:organisation-detail", args=[lead_role.organisation.pk])
    listed = list(client.get(url).context["communities"])
    assert [c.name for c in listed] == sorted(names)
    assert [c.participant_count for c in listed] == [1, 1, 1]


def test_one_coach_is_enough_once_a_community_runs_on_its_own(client: Any) -> None:
    """A leergang needs two coaches; a self-run period gets one coach's attention."""
    lead_role = ProgrammeLeadFactory()
    client.force_login(lead_role.user)
    for kind in (LearningPeriod.Kind.LEERGANG, LearningPeriod.Kind.SELF_RUN):
        community = CommunityFactory(organisation=lead_role.organisation, name=kind)
        LearningPeriodFactory(community=community, kind=kind)
        MembershipFactory(community=community, role=Membership.Role.COACH)
    url = reverse("communities:organisation-detail", args=[lead_role.organisation.pk])
    rows = client.get(url).content.decode().split("<tr>")[2:]
    warned = {
        row.split("</a>")[0].rsplit(">", 1)[1]: "coaches nodig" in row for row in rows
    }
    assert warned == {"leergang": True, "self_run": False}
    for each in Community.objects.all():
        client.force_login(
            Membership.objects.get(community=each, role=Membership.Role.COACH).user
        )
        page = client.get(reverse("communities:community-detail", args=[each.pk]))
        assert ("heeft er twee nodig" in page.content.decode()) is (
            each.name == "leergang"
        )

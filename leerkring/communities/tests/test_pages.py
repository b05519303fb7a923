"""The organisation page: its communities in order, with their places."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from leerkring.communities.tests.factories import (
    CommunityFactory,
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

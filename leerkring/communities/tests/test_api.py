"""The JSON API shows exactly what the pages show."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from leerkring.communities.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_lists_only_my_communities(client: Any) -> None:
    mine = MembershipFactory()
    MembershipFactory()  # someone else's community
    client.force_login(mine.user)
    response = client.get(reverse("api:community-list"))
    assert response.status_code == 200
    assert [c["id"] for c in response.json()] == [mine.community_id]


def test_detail_lists_members_with_roles(client: Any, demo_community: Any) -> None:
    client.force_login(demo_community.participant)
    url = reverse("api:community-detail", args=[demo_community.community.pk])
    body = client.get(url).json()
    assert body["name"] == demo_community.community.name
    assert len(body["members"]) == 12
    assert {m["role"] for m in body["members"]} == {"participant", "coach"}


def test_the_schema_describes_the_operations(client: Any) -> None:
    schema = client.get(reverse("api:openapi-json")).json()
    assert schema["info"]["title"] == "Leerkring API"
    assert "/api/communities/{community_id}" in schema["paths"]

"""The journal API shows exactly what the pages show."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.journal.models import JournalSetting, Visibility
from leerkring.journal.tests.factories import AssessmentFactory, ReflectionFactory

pytestmark = pytest.mark.django_db


def test_the_list_holds_only_the_authors_own_entries(client: Any) -> None:
    mine = ReflectionFactory(title="Eigen")
    ReflectionFactory(community=mine.community, visibility=Visibility.COMMUNITY)
    client.force_login(mine.author)
    data = client.get(reverse("api:reflection-list")).json()
    assert [item["title"] for item in data] == ["Eigen"]


def test_the_assessment_is_pending_then_present(client: Any) -> None:
    entry = ReflectionFactory()
    client.force_login(entry.author)
    url = reverse("api:reflection-assessment", args=[entry.pk])
    assert client.get(url).json()["status"] == "pending"
    AssessmentFactory(reflection=entry, level=3)
    data = client.get(url).json()
    assert data["status"] == "ok"
    assert data["level"] == 3
    assert data["model_version"] == "test-model-1"


def test_a_coach_reads_the_assessment_only_when_the_author_allows(
    client: Any,
) -> None:
    entry = ReflectionFactory(visibility=Visibility.COACHES)
    AssessmentFactory(reflection=entry)
    coach = MembershipFactory(
        community=entry.community, role=Membership.Role.COACH
    ).user
    client.force_login(coach)
    url = reverse("api:reflection-assessment", args=[entry.pk])
    assert client.get(url).status_code == 404
    JournalSetting.objects.create(user=entry.author, coaches_see_mirror=True)
    assert client.get(url).status_code == 200

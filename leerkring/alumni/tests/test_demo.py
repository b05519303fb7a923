"""The demo tells the alumni story: a list for the programme lead, the question
waiting for those who have not answered, "maybe later" asked again."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from leerkring.alumni.todo import todos
from leerkring.communities.models import Membership

pytestmark = pytest.mark.django_db


def asked(user: Any) -> bool:
    memberships = list(Membership.objects.active().filter(user=user))
    return any("coachen" in item.text for item in todos(user, memberships))


def test_the_demo_lead_sees_the_alumni_who_would_coach(
    client: Any, demo_community: Any
) -> None:
    client.force_login(demo_community.programme_lead)
    url = reverse("alumni:organisation-alumni", args=[demo_community.organisation.pk])
    page = client.get(url).content.decode()
    assert "Ja: 2 · misschien later: 1" in page
    bram, naima, kees, _sophie, _ruud, lin = demo_community.alumni
    body = page.split("<tbody>")[1]
    assert body.index(lin.email) < body.index(bram.email)  # newest first
    assert naima.email in body
    assert kees.email not in body


def test_the_demo_asks_who_has_not_answered_and_asks_maybe_again(
    demo_community: Any,
) -> None:
    bram, naima, kees, sophie, _ruud, _lin = demo_community.alumni
    assert asked(sophie)
    assert asked(naima)  # "maybe later", and the self-run period has begun since
    assert not asked(bram)
    assert not asked(kees)
    assert not any(asked(user) for user in demo_community.participants)

"""The demo as people meet it in their first week: what their home pages say."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from leerkring.accounts.models import User
from leerkring.cohorts.demo import COHORT_NAME
from leerkring.cohorts.models import Cohort
from leerkring.home.demo import DEMO_LOGINS


@pytest.fixture
def as_demo(client: Any, demo_community: Any) -> Any:
    def log_in(role: str) -> Any:
        client.force_login(User.objects.get(email=DEMO_LOGINS[role]))
        return client

    return log_in


def test_the_self_run_alumnus_sees_that_he_chairs_the_next_meeting(
    as_demo: Any,
) -> None:
    page = as_demo("alumnus").get(reverse("home:home")).content.decode()
    assert "Jij bent voorzitter van bijeenkomst 2 op" in page


def test_the_participants_coaching_tab_says_what_it_is(
    as_demo: Any, demo_community: Any
) -> None:
    community = reverse(
        "communities:community-detail", args=[demo_community.community.pk]
    )
    page = as_demo("participant").get(community).content.decode()
    assert ">Coach worden<" in page


def test_the_demos_goal_and_track_agree_on_the_programmes(
    as_demo: Any, demo_community: Any
) -> None:
    harvest = reverse("agreements:harvest", args=[demo_community.community.pk])
    page = as_demo("participant").get(harvest).content.decode()
    assert "vier opleidingen" in page
    assert "drie opleidingen" not in page


def test_years_of_experience_show_without_a_decimal(as_demo: Any) -> None:
    cohort = Cohort.objects.get(name=COHORT_NAME)
    years = {m.experience_years for m in cohort.members.all()} - {None}
    whole = next(y for y in years if y == int(y))
    page = as_demo("programme_lead").get(
        reverse("cohorts:cohort-detail", args=[cohort.pk])
    )
    text = page.content.decode()
    assert f"<td>{int(whole)}</td>" in text
    assert f"<td>{int(whole)},0</td>" not in text

"""The main pages take a fixed number of queries, whatever the cohort's size."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from leerkring.cohorts import actions
from leerkring.cohorts.models import CohortRule
from leerkring.cohorts.tests.factories import CohortCoachFactory
from leerkring.cohorts.tests.helpers import SETTINGS, composed


def _with_rules_and_coaches(cohort: Any, lead: Any, coaches: int) -> None:
    members = list(cohort.members.order_by("pk"))
    actions.add_rule(cohort=cohort, kind=CohortRule.Kind.MUST_LINK, members=members[:2])
    actions.add_rule(
        cohort=cohort,
        kind=CohortRule.Kind.CANNOT_LINK,
        members=members[2:4],
    )
    for n in range(coaches):
        coach = CohortCoachFactory(cohort=cohort, experienced=n % 2 == 0, capacity=2)
        coach.conflicts.set(members[10 + n : 12 + n])


@pytest.mark.parametrize("size", [24, 120])
def test_cohort_and_proposal_pages_query_count_does_not_grow(
    lead_client: Any,
    lead_role: Any,
    size: int,
    django_assert_max_num_queries: Any,
) -> None:
    cohort, _p = composed(lead_role.organisation, lead_role.user, size)
    _with_rules_and_coaches(cohort, lead_role.user, coaches=size // 12)
    proposal = actions.create_proposal(
        cohort=cohort, actor=lead_role.user, settings=SETTINGS
    )
    with django_assert_max_num_queries(20):
        assert (
            lead_client.get(
                reverse("cohorts:cohort-detail", args=[cohort.pk])
            ).status_code
            == 200
        )
    with django_assert_max_num_queries(16):
        assert (
            lead_client.get(
                reverse("cohorts:proposal-detail", args=[proposal.pk])
            ).status_code
            == 200
        )
    # 21: the move claims the proposal's version with its own UPDATE.
    with django_assert_max_num_queries(21):
        response = lead_client.post(
            reverse("cohorts:proposal-move", args=[proposal.pk]),
            {
                "member": proposal.groups[0][-1],
                "swap_with": proposal.groups[1][-1],
                "action": "swap",
                "version": proposal.version,
            },
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
    with django_assert_max_num_queries(8):
        assert (
            lead_client.get(
                reverse("cohorts:cohort-list", args=[lead_role.organisation.pk])
            ).status_code
            == 200
        )

"""The cohort list keeps its order although it counts (Django drops Meta.ordering
from grouped queries)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from leerkring.cohorts.models import Cohort
from leerkring.cohorts.tests.factories import CohortFactory, CohortMemberFactory

pytestmark = pytest.mark.django_db


def test_cohorts_are_listed_newest_first(lead_client: Any, lead_role: Any) -> None:
    now = timezone.now()
    cohorts = [CohortFactory(organisation=lead_role.organisation) for _ in range(3)]
    for cohort, days in zip(cohorts, (5, 1, 9), strict=True):
        Cohort.objects.filter(pk=cohort.pk).update(
            created_at=now - timedelta(days=days)
        )
        CohortMemberFactory(cohort=cohort)
    url = reverse("cohorts:cohort-list", args=[lead_role.organisation.pk])
    listed = list(lead_client.get(url).context["cohorts"])
    assert [c.pk for c in listed] == [cohorts[1].pk, cohorts[0].pk, cohorts[2].pk]
    assert [c.member_count for c in listed] == [1, 1, 1]

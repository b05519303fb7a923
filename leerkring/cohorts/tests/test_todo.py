"""A programme lead's to-do list: cohorts whose proposed communities wait for a
decision."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerkring.cohorts.models import Proposal
from leerkring.cohorts.tests.helpers import composed
from leerkring.cohorts.todo import lead_todos
from leerkring.communities.tests.factories import ProgrammeLeadFactory
from leerkring.core.todo import Todo

pytestmark = pytest.mark.django_db


def items(lead_role: Any) -> list[Todo]:
    return list(lead_todos(lead_role.user, [lead_role.organisation]))


def test_a_proposal_waits_for_the_lead_until_one_is_accepted(lead_role: Any) -> None:
    cohort, proposal = composed(lead_role.organisation, lead_role.user, 24)
    assert items(lead_role) == [
        Todo(
            None,
            f"Besluit over de voorgestelde communities voor “{cohort.name}”",
            reverse("cohorts:cohort-detail", args=[cohort.pk]),
            organisation_id=lead_role.organisation.pk,
        )
    ]
    Proposal.objects.filter(pk=proposal.pk).update(
        status=Proposal.Status.ACCEPTED, accepted_at=timezone.now()
    )
    assert items(lead_role) == []


def test_a_cohort_without_a_proposal_or_of_another_organisation_is_not_listed(
    lead_role: Any,
) -> None:
    other = ProgrammeLeadFactory()
    composed(other.organisation, other.user, 24)
    assert items(lead_role) == []
    assert len(items(other)) == 1


def test_queries_do_not_grow_with_cohorts(lead_role: Any) -> None:
    composed(lead_role.organisation, lead_role.user, 24)
    with CaptureQueriesContext(connection) as first:
        items(lead_role)
    for size in (25, 26, 27):
        composed(lead_role.organisation, lead_role.user, size)
    with CaptureQueriesContext(connection) as then:
        assert len(items(lead_role)) == 4
    assert len(then) == len(first) == 1

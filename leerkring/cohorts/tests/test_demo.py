"""The demo cohort is ready for the programme lead to compose."""

from __future__ import annotations

from typing import Any

from leerkring.cohorts import actions
from leerkring.cohorts.demo import COHORT_NAME
from leerkring.cohorts.models import Cohort


def test_demo_cohort_composes_into_five_communities_with_a_teacher_each(
    demo_community: Any,
) -> None:
    cohort = Cohort.objects.get(name=COHORT_NAME)
    assert cohort.organisation == demo_community.organisation
    assert cohort.members.count() == 60
    assert cohort.members.filter(consent=True).count() == 58
    assert not cohort.proposals.exists()
    proposal = actions.create_proposal(
        cohort=cohort,
        actor=demo_community.programme_lead,
        settings={
            "weights": {"role": 1, "age": 1, "gender": 1, "discipline": 1},
            "max_group_size": 12,
            "seed": 0,
            "previous": [],
        },
    )
    teachers = set(cohort.members.filter(role="teacher").values_list("pk", flat=True))
    assert len(proposal.groups) == 5
    assert all(teachers & set(group) for group in proposal.groups)
    # Five coaches with nine places: four pairs, one community waits for a second.
    assert sorted(len(coaches) for coaches in proposal.coaches) == [1, 2, 2, 2, 2]
    assert proposal.z_score is not None
    assert proposal.z_score > 3

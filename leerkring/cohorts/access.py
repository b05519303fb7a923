"""Who may compose communities: the organisation's programme leads.

Diversity attributes are personal data seen only while composing (DESIGN.md §5):
no coach or participant reaches a cohort, a proposal or any fragment of them, and
neither does a superuser (administering is not reading personal data; the content
matrix, tests/test_content_matrix.py, checks it).
"""

from __future__ import annotations

from typing import Any

from leerkring.communities.access import is_programme_lead
from leerkring.core.access import get_allowed, rule

from .models import Cohort, Proposal


@rule(Cohort, "manage")
def can_manage_cohort(user: Any, cohort: Cohort) -> bool:
    return is_programme_lead(user, cohort.organisation_id)


@rule(Proposal, "manage")
def can_manage_proposal(user: Any, proposal: Proposal) -> bool:
    return is_programme_lead(user, proposal.cohort.organisation_id)


def access_cohort(user: Any, cohort_id: int, *, need: str = "manage") -> Cohort:
    """The cohort, if the user leads its organisation; else 404 (audited)."""
    return get_allowed(
        user, Cohort.objects.select_related("organisation"), cohort_id, need
    )


def access_proposal(user: Any, proposal_id: int, *, need: str = "manage") -> Proposal:
    """The proposal, reached through the right to manage its cohort."""
    return get_allowed(
        user,
        Proposal.objects.select_related("cohort__organisation"),
        proposal_id,
        need,
    )

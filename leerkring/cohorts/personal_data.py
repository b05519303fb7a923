"""A person's diversity data in cohorts: exported on request, erased with the account.

Matched by account and by e-mail address (someone may be in a cohort before
they have an account). Erasing removes the person from every cohort — their
name, e-mail, role and diversity attributes — and from any draft proposal;
communities already created keep their own memberships.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q

from leerkring.accounts.models import User

from .models import CohortCoach, CohortMember, Proposal


def _mine(user: User) -> Any:
    return CohortMember.objects.filter(Q(user=user) | Q(email__iexact=user.email))


def export(user: User) -> dict[str, Any]:
    members = _mine(user).select_related("cohort__organisation").order_by("pk")
    return {
        "cohorts": [
            {
                "organisation": m.cohort.organisation.name,
                "cohort": m.cohort.name,
                "name": m.name,
                "email": m.email,
                "role": m.role,
                "birth_year": m.birth_year,
                "gender": m.gender,
                "educational_background": m.education,
                "discipline": m.discipline,
                "work_experience_years": m.experience_years,
                "custom_attributes": m.custom,
                "consent": m.consent,
                "consent_date": m.consent_date.isoformat() if m.consent_date else None,
                "consented_attributes": m.consent_scope,
            }
            for m in members
        ],
        "coach_listings": [
            {"cohort": c.cohort.name, "experienced": c.experienced}
            for c in CohortCoach.objects.filter(
                email__iexact=user.email
            ).select_related("cohort")
        ],
    }


@transaction.atomic
def erase(user: User) -> None:
    members = list(_mine(user).values_list("pk", "cohort_id"))
    ids = {pk for pk, _cohort in members}
    for proposal in Proposal.objects.filter(
        cohort_id__in={cohort for _pk, cohort in members},
        status=Proposal.Status.DRAFT,
    ):
        proposal.groups = [[i for i in g if i not in ids] for g in proposal.groups]
        proposal.save(update_fields=["groups"])
    CohortMember.objects.filter(pk__in=ids).delete()
    CohortCoach.objects.filter(email__iexact=user.email).delete()

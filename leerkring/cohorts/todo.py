"""For programme leads on the home page's to-do list: cohorts with a proposal that
waits to be accepted."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from leerkring.communities.models import Organisation
from leerkring.core.todo import Todo

from .models import Cohort, Proposal


def lead_todos(user: Any, organisations: Sequence[Organisation]) -> Iterable[Todo]:
    proposals = Proposal.objects.filter(cohort=OuterRef("pk"))
    waiting = (
        Cohort.objects.filter(organisation__in=organisations)
        .filter(Exists(proposals.filter(status=Proposal.Status.DRAFT)))
        .exclude(Exists(proposals.filter(status=Proposal.Status.ACCEPTED)))
        .order_by("-created_at", "-id")
    )
    for cohort in waiting:
        yield Todo(
            None,
            _("Decide on the proposed communities for “%(cohort)s”")
            % {"cohort": cohort.name},
            reverse("cohorts:cohort-detail", args=[cohort.pk]),
            organisation_id=cohort.organisation_id,
        )

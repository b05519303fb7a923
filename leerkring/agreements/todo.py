"""The home page's to-do item: agreements a member has not confirmed yet.

Every active member, coach or participant, confirms the current (newest) version
of their running period's agreements; a version exists from the first save and
can be confirmed at once. One query, however many communities.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.communities.models import Membership, running_on
from leerkring.core.todo import Todo

from .models import AgreementConfirmation, AgreementVersion


def todos(user: Any, memberships: Sequence[Membership]) -> Iterable[Todo]:
    today = timezone.localdate()
    newer = AgreementVersion.objects.filter(
        agreement=OuterRef("agreement"), number__gt=OuterRef("number")
    )
    confirmed = AgreementConfirmation.objects.filter(version=OuterRef("pk"), user=user)
    unconfirmed = (
        AgreementVersion.objects.filter(
            running_on(today, "agreement__period"),
            agreement__period__community_id__in=[m.community_id for m in memberships],
        )
        .exclude(Exists(newer))
        .exclude(Exists(confirmed))
        .values_list("agreement__period__community_id", "number")
        .order_by("agreement__period__community_id")
    )
    return [
        Todo(
            community_id=community_id,
            text=_("Confirm the agreements (version %(number)s)") % {"number": number},
            url=reverse("agreements:agreement-detail", args=[community_id]),
        )
        for community_id, number in unconfirmed
    ]

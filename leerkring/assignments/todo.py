"""The home page's to-do items: the reports a participant still owes.

In each community where the person participates: their open assignments (see
``IntegrationAssignmentQuerySet.open_for``) in the running learning period, due
by the next session or overdue (after the period's last session: all of them).
Work that was due before the person joined is not theirs to catch up on. One
query, however many communities.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from leerkring.communities.models import Membership, running_on
from leerkring.core.todo import Todo
from leerkring.meetings.models import Meeting

from .models import IntegrationAssignment

TITLE_LENGTH = 60


def todos(user: Any, memberships: Sequence[Membership]) -> Iterable[Todo]:
    participating = [m for m in memberships if m.is_participant]
    if not participating:
        return []
    since_joining = Q()
    for membership in participating:
        since_joining |= Q(period__community_id=membership.community_id) & (
            Q(due_date__gte=membership.joined_on) if membership.joined_on else Q()
        )
    today = timezone.localdate()
    next_session = (
        Meeting.objects.filter(period=OuterRef("period"), date__gte=today)
        .order_by("date", "number")
        .values("date")[:1]
    )
    assignments = (
        IntegrationAssignment.objects.open_for(user)
        .filter(running_on(today, "period"), since_joining)
        .annotate(next_session=Subquery(next_session))
        .filter(
            Q(due_date__lte=today)
            | Q(due_date__lte=F("next_session"))
            | Q(next_session__isnull=True)
        )
        .select_related("period")
        .order_by("due_date", "pk")
    )
    return [
        Todo(
            community_id=assignment.period.community_id,
            text=_("Report on “%(title)s”")
            % {"title": Truncator(assignment.what).chars(TITLE_LENGTH)},
            url=reverse("assignments:report", args=[assignment.pk]),
            due=assignment.due_date,
        )
        for assignment in assignments
    ]

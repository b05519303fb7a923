"""The coaching question on the home page's to-do list.

A participant is asked once the question has opened in their community (session 7
of the leergang has come, or the leergang is over: see ``asking``) until they
answer; "maybe later" asks again when the next period has begun. One query for
all of someone's communities.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.communities.models import Membership
from leerkring.core.todo import Todo

from .asking import question_open, waiting_for_answer


def todos(user: Any, memberships: Sequence[Membership]) -> Iterable[Todo]:
    ids = [m.pk for m in memberships if m.is_participant and m.is_active]
    if not ids:
        return []
    today = timezone.localdate()
    waiting = (
        Membership.objects.filter(pk__in=ids, user=user)
        .filter(question_open("community", today))
        .filter(waiting_for_answer("coaching_interest", "community", today))
        .order_by("community_id")
        .values_list("community_id", flat=True)
    )
    return [
        Todo(
            community_id=community_id,
            text=_("Would you like to coach a new learning community?"),
            url=reverse("alumni:coaching", args=[community_id]),
        )
        for community_id in waiting
    ]

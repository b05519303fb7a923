"""The intake on the home page's to-do list: a participant's preparation, and for
coaches the conversations still to hold."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from leerkring.communities.models import Membership
from leerkring.core.todo import Todo, per_community

from .models import IntakePreparation, awaiting_intake


def todos(user: Any, memberships: Sequence[Membership]) -> Iterable[Todo]:
    yield from _preparations([m for m in memberships if m.is_participant])
    yield from _conversations([m for m in memberships if m.is_coaching])


def _preparations(memberships: list[Membership]) -> Iterable[Todo]:
    """Before their intake conversation: participants who wrote nothing yet."""
    if not memberships:
        return
    waiting = awaiting_intake(*(m.community_id for m in memberships)).filter(
        pk__in=[m.pk for m in memberships]
    )
    unprepared = {
        m.pk
        for m in waiting.select_related("intake_preparation")
        if not _has_written(m)
    }
    for membership in memberships:
        if membership.pk in unprepared:
            yield Todo(
                membership.community_id,
                _("Prepare your intake conversation"),
                reverse("intake:preparation", args=[membership.community_id]),
            )


def _has_written(membership: Membership) -> bool:
    try:
        return membership.intake_preparation.is_filled
    except IntakePreparation.DoesNotExist:
        return False


def _conversations(memberships: list[Membership]) -> Iterable[Todo]:
    """For coaches: how many participants still wait for their intake."""
    if not memberships:
        return
    yield from per_community(
        awaiting_intake(*(m.community_id for m in memberships)),
        lambda count: (
            ngettext(
                "%(count)s participant still needs an intake conversation",
                "%(count)s participants still need an intake conversation",
                count,
            )
            % {"count": count}
        ),
        lambda community_id: reverse("intake:overview", args=[community_id]),
    )

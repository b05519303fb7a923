"""The home page's to-do items of communities: a role change that waits for the
person's answer or for approval (by another programme lead or a coach), and for
programme leads the communities whose leergang still lacks its second coach."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leerkring.core.todo import Todo

from .models import Community, Membership, Organisation, RoleChange

ASKED = gettext_lazy("Would you like to become %(role)s of “%(community)s”?")
TO_APPROVE = gettext_lazy(
    "Approve or refuse: %(name)s to become %(role)s of “%(community)s”"
)


def _role_change_todos(user: Any, approvals: Q, *, asked: bool) -> Iterable[Todo]:
    """Role changes waiting for this person's answer (``asked``) or for their
    approval (within ``approvals``), in one query."""
    mine = Q(user=user, consented_at__isnull=True) if asked else Q(pk__in=[])
    waiting = (
        RoleChange.objects.pending()
        .filter(
            mine
            | approvals
            & Q(needs_approval=True, approved_by__isnull=True)
            & ~Q(user=user)
            & ~Q(requested_by=user)
        )
        .select_related("community", "user")
    )
    for change in waiting:
        text = ASKED if change.user_id == user.pk else TO_APPROVE
        yield Todo(
            change.community_id,
            text
            % {
                "name": change.user.display_name,
                "role": change.get_role_display().lower(),
                "community": change.community.name,
            },
            reverse("communities:role-change-detail", args=[change.pk]),
        )


def todos(user: Any, memberships: Sequence[Membership]) -> Iterable[Todo]:
    coached = [m.community_id for m in memberships if m.role == Membership.Role.COACH]
    yield from _role_change_todos(user, Q(community_id__in=coached), asked=True)


def lead_todos(user: Any, organisations: Sequence[Organisation]) -> Iterable[Todo]:
    yield from _role_change_todos(
        user, Q(community__organisation__in=organisations), asked=False
    )
    short = (
        Community.objects.filter(organisation__in=organisations)
        .with_counts()
        .filter(coach_count__lt=2)  # type: ignore[misc]  # annotated by with_counts
        .prefetch_related("periods")
    )
    for community in short:
        if not community.runs_on_its_own:
            yield Todo(
                community.pk,
                _("Find a second coach for “%(community)s”")
                % {"community": community.name},
                reverse("communities:community-detail", args=[community.pk]),
                organisation_id=community.organisation_id,
            )

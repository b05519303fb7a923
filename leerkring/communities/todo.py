"""For programme leads on the home page's to-do list: communities whose leergang
still lacks its second coach."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from leerkring.core.todo import Todo

from .models import Community, Organisation


def lead_todos(user: Any, organisations: Sequence[Organisation]) -> Iterable[Todo]:
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

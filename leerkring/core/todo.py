"""What is waiting for someone: the to-do list on the home page.

Each app may contribute with a ``<app>/todo.py`` that defines one or both of::

    def todos(user, memberships: Sequence[Membership]) -> Iterable[Todo]
    def lead_todos(user, organisations: Sequence[Organisation]) -> Iterable[Todo]

given the person's active memberships (community loaded), or the organisations they
lead as programme lead. Each returns that person's open items: only what they may
see (a programme lead: never private content), and only in those communities or
organisations. A contributor runs a fixed number of queries, however many
communities, sessions or entries there are — the home page is opened every week by
everyone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet

from .discovery import app_modules

if TYPE_CHECKING:
    from leerkring.communities.models import Membership, Organisation


@dataclass(frozen=True, slots=True)
class Todo:
    """One thing to do: a sentence that links to where it is done; ``due`` is a
    deadline ("by Wednesday"), ``on`` the day something happens (a meeting). A
    programme lead's item names its ``organisation_id`` instead of a community."""

    community_id: int | None
    text: str
    url: str
    due: date | None = None
    on: date | None = None
    organisation_id: int | None = None

    @property
    def day(self) -> date | None:
        return self.due or self.on


def collect(
    user: Any,
    memberships: Sequence[Membership],
    organisations: Sequence[Organisation] = (),
) -> list[Todo]:
    """Every app's items for this person, the soonest first, undated last."""
    if not memberships and not organisations:
        return []
    items: list[Todo] = []
    for _, module in app_modules("todo"):
        if memberships and hasattr(module, "todos"):
            items.extend(module.todos(user, memberships))
        if organisations and hasattr(module, "lead_todos"):
            items.extend(module.lead_todos(user, organisations))
    return sorted(items, key=lambda t: (t.day is None, t.day or date.max, t.text))


def per_community(
    queryset: QuerySet[Any], text: Callable[[int], str], url: Callable[[int], str]
) -> Iterator[Todo]:
    """One item per community with something to count in `queryset` (rows with a
    ``community_id``), in one query: ``text(count)`` linking to ``url(community_id)``.
    For coaches, who see how many, not whose."""
    counts = (
        queryset.order_by()
        .values("community_id")
        .annotate(count=Count("pk"))
        .values_list("community_id", "count")
    )
    for community_id, count in counts:
        yield Todo(community_id, text(count), url(community_id))

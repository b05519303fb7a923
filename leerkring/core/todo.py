"""What is waiting for someone: the to-do list on the home page.

Each app may contribute with a ``<app>/todo.py`` that defines::

    def todos(user, memberships: Sequence[Membership]) -> Iterable[Todo]

given the person's active memberships (community loaded). It returns that person's
open items: only what they may see, and only in those communities. A contributor runs
a fixed number of queries, however many communities, sessions or entries there are —
the home page is opened every week by everyone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet

from .discovery import app_modules

if TYPE_CHECKING:
    from leerkring.communities.models import Membership


@dataclass(frozen=True, slots=True)
class Todo:
    """One thing to do: a sentence that links to where it is done; ``due`` is a
    deadline ("by Wednesday"), ``on`` the day something happens (a meeting)."""

    community_id: int
    text: str
    url: str
    due: date | None = None
    on: date | None = None

    @property
    def day(self) -> date | None:
        return self.due or self.on


def collect(user: Any, memberships: Sequence[Membership]) -> list[Todo]:
    """Every app's items for this person, the soonest first, undated last."""
    if not memberships:
        return []
    items = [
        item
        for _, module in app_modules("todo")
        for item in module.todos(user, memberships)
    ]
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

"""Optimistic concurrency: every editable row carries a ``version`` counter.

A form remembers the version the person saw; the action saving it calls
``claim(row, seen)`` first. The claim is one conditional UPDATE (``… SET version =
version + 1 WHERE pk = … AND version = seen``), so of two saves against the same
version exactly one wins, also on PostgreSQL under concurrency. The loser gets
:class:`Stale` carrying the row as it is now; the caller shows it next to what the
person typed (see :class:`leerkring.core.forms.SeenVersionMixin`).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _


class Stale(Exception):
    """Someone else saved since ``seen``; ``current`` is the row as it is now
    (None when it no longer exists) and ``field`` its version counter. Nothing
    was changed."""

    def __init__(self, current: Any, field: str = "version") -> None:
        super().__init__(current)
        self.current = current
        self.field = field

    @property
    def version(self) -> int:
        """The version that is current now (0 when there is no row)."""
        return getattr(self.current, self.field) if self.current is not None else 0


def claim(row: models.Model, seen: int | None, *, field: str = "version") -> None:
    """Take the next version of ``row`` if its ``field`` is still ``seen``.

    On success ``row``'s ``field`` is ``seen + 1`` (already stored); otherwise
    :class:`Stale` is raised with a fresh copy of the row. Call it inside the
    action's transaction, so a later refusal rolls the claim back too.
    """
    rows = type(row)._default_manager.filter(pk=row.pk)
    if seen is None or not rows.filter(**{field: seen}).update(**{field: F(field) + 1}):
        raise Stale(rows.first(), field)
    setattr(row, field, seen + 1)


def stale_message(stale: Stale) -> str:
    """The one conflict message: who may have saved, the version now, and that
    nothing was saved."""
    return _(
        "While you were working, this was saved elsewhere (by someone else, or by "
        "you in another window); it is now at version %(version)s. Nothing of yours "
        "was saved: compare with what is saved now and make your change again."
    ) % {"version": stale.version}

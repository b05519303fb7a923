"""Formatting for the agreements app's pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def as_hours(minutes: int | None) -> float:
    """Minutes as hours, for ``floatformat`` (so 90 shows as 1,5 in Dutch)."""
    return (minutes or 0) / 60

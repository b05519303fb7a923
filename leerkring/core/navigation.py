"""The tabs of a community's pages, contributed by each app.

An app registers its tabs in ``AppConfig.ready()``::

    navigation.register(Tab(_("Sessions"), "meetings:period-overview", order=20))
    navigation.register(Tab(_("Export"), "reports:export", 85, may("reports.export")))

The URL name takes the community id as its only argument. ``visible`` decides per
viewer (default: everyone who may view the community); ``may(action)`` shows the
tab to whoever ``access.allowed`` lets do the action on the community. The tab
is a link, the page behind it still checks access itself. The checks run inside
``core.access.remembering()``, so a dozen tabs ask for the viewer's membership (and
programme-lead role) once, not once per tab.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from .access import allowed, remembering

Visible = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class Tab:
    label: str | Promise
    url_name: str
    order: int
    visible: Visible | None = None


_tabs: list[Tab] = []


def may(action: str) -> Visible:
    """Visible to whoever may ``action`` on the community (``access.allowed``)."""

    def visible(user: Any, community: Any) -> bool:
        return allowed(user, action, community)

    return visible


def register(tab: Tab) -> None:
    if any(existing.url_name == tab.url_name for existing in _tabs):
        return
    _tabs.append(tab)
    _tabs.sort(key=lambda t: t.order)


def tabs_for(user: Any, community: Any) -> list[Tab]:
    with remembering():
        return [t for t in _tabs if t.visible is None or t.visible(user, community)]

"""Look-back material for a session, gathered from other apps.

From session 3 every session starts by looking back: progress on the collective
goal, successes and setbacks, the yield of the integration assignments. That
material lives in other apps, so the session page asks them for it through this
small registry instead of importing them.

The contract
============

A *provider* is a function
``provider(meeting, user, *, shared_screen) -> LookBackSection | None``:

* ``meeting`` is the :class:`~leerkring.meetings.models.Meeting` being shown
  (``meeting.previous()`` gives the session before it, for "since last time");
* ``user`` is the person looking at the page — an active member of the
  community (participant, coach or apprentice coach). **The provider decides
  what this user may see** (use your own ``visible_to(user)`` QuerySet); the
  session page adds no filtering of its own;
* ``shared_screen`` is True for the room, the page the coaches put on the
  projector: then return **only what every member of the community may read**
  (DESIGN.md §5), whoever ``user`` is — a coach's view of a report shared
  "only me and the coaches" must not reach the wall. Leave out buttons that act
  for ``user`` there too;
* return ``None`` when there is nothing to show (the section is left out);
* otherwise a :class:`LookBackSection` whose ``template_name`` is rendered with
  ``{% include section.template_name with section=section meeting=meeting %}``;
  ``section.context`` holds whatever your template needs. Your template starts
  at heading level 3 (the page's "Look back" heading is an ``<h2>``);
* keep it to a fixed number of queries (``select_related``/``prefetch_related``):
  the session page has a query-count test;
* a provider runs on every view of the session page, the room and the coach
  panel, so it must not write.

Register providers once, in your ``AppConfig.ready()``::

    from leerkring.meetings import lookback
    lookback.register(progress_since_last_session)

Sections appear in the order of registration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class LookBackSection:
    title: str | Promise
    template_name: str
    context: dict[str, Any] = field(default_factory=dict)


Provider = Callable[..., LookBackSection | None]

_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add a provider (once; registering it again changes nothing)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def unregister(provider: Provider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def sections_for(
    meeting: Any, user: Any, *, shared_screen: bool = False
) -> list[LookBackSection]:
    """Every provider's section for this viewer, leaving out the empty ones.

    ``shared_screen``: only what every member of the community may read.
    """
    sections = []
    for provider in _providers:
        section = provider(meeting, user, shared_screen=shared_screen)
        if section is not None:
            sections.append(section)
    return sections

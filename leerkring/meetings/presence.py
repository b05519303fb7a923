"""Who showed they are here: other apps tell the room's attendance list.

Taking attendance starts from what the members already did: whoever answered
the session's check-in is ticked as present until a coach saves the list. The
check-in lives in another app (which imports this one), so it registers a
*source* here: ``source(meeting) -> set of user ids``. Register once, in the
app's ``AppConfig.ready()``; a source must not write and takes one query.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Source = Callable[[Any], set[int]]

_sources: list[Source] = []


def register(source: Source) -> Source:
    if source not in _sources:
        _sources.append(source)
    return source


def signed_in(meeting: Any) -> set[int]:
    """Ids of the users any source saw at ``meeting``."""
    users: set[int] = set()
    for source in _sources:
        users |= source(meeting)
    return users

"""The collective track's part of a session's look back: progress since last time."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from leerkring.meetings.lookback import LookBackSection

from .models import ProgressEntry
from .people import NameBook


def progress_since_last_session(
    meeting: Any, user: Any, *, shared_screen: bool = False
) -> LookBackSection | None:
    """Successes, setbacks, decisions and questions since the previous session.

    The collective track belongs to the whole community, so every member who sees
    the session page sees these entries (meetings checks membership), on the
    shared screen of the room too.
    """
    entries = list(
        ProgressEntry.objects.for_look_back(meeting)
        .select_related("author", "meeting")
        .order_by("happened_on", "created_at", "id")
    )
    if not entries:
        return None
    community_id = meeting.period.community_id
    names = NameBook(community_id, [e.author for e in entries])
    return LookBackSection(
        title=_("Progress on the collective goal"),
        template_name="tracks/lookback_progress.html",
        context={
            "entries": [(e, names.name(e.author, e.author_name)) for e in entries],
            "community_id": community_id,
        },
    )

"""The intake's line in the coaches' weekly digest (``reports.reminders``)."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import ngettext

from leerkring.communities.models import Community

from .models import awaiting_intake


def digest_lines(community: Community, since: datetime, now: datetime) -> list[str]:
    """Participants still waiting for their intake (one query); nothing when none."""
    pending = awaiting_intake(community.pk).count()
    if not pending:
        return []
    return [
        ngettext(
            "%(count)s participant without an intake yet",
            "%(count)s participants without an intake yet",
            pending,
        )
        % {"count": pending}
    ]

"""Retention of journal entries (see ``leerkring.retention``): an entry of a
period — about one of its sessions, or written between its first and last day —
goes with its feedback, comments and mirror; drafts of the community that were
last touched in the period go too."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from .models import Draft, Reflection


def expire(period: Any) -> dict[str, int]:
    in_period = Q(meeting__period=period) | Q(
        meeting__isnull=True,
        created_at__date__range=(period.start_date, period.end_date),
    )
    entries = Reflection.objects.filter(in_period, community_id=period.community_id)
    drafts = Draft.objects.filter(community_id=period.community_id).filter(
        Q(reflection__in=entries)
        | Q(reflection__isnull=True, updated_at__date__lte=period.end_date)
    )
    return {
        "journal_drafts": drafts.delete()[1].get("journal.Draft", 0),
        "journal_entries": entries.delete()[1].get("journal.Reflection", 0),
    }

"""The sessions' method texts follow the community's language (issue 17).

When a community changes its language, every theme and agenda item that is
still the method's text (in the old language) is rewritten in the new one;
what a coach edited stays as typed and is counted, so the page can say so.
A published agenda that had no unpublished changes is published again, so the
members read the same agenda in the new language.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F

from leerkring.communities.models import Community

from .method import THEME_FIELDS, agenda_texts, theme_text
from .models import AgendaItem, Meeting


def follow_language(
    sender: Any, *, community: Community, old: str, new: str, **kwargs: Any
) -> int:
    """Rewrite the method-default texts of ``community``'s sessions from ``old``
    to ``new``; return how many edited texts stayed as typed."""
    meetings = list(
        Meeting.objects.filter(period__community=community)
        .select_related("period__community")
        .prefetch_related("agenda_items")
    )
    kept = 0
    changed_themes: list[Meeting] = []
    changed_items: list[AgendaItem] = []
    republish: list[Meeting] = []
    for meeting in meetings:
        if meeting.method_step is not None:
            touched = False
            for field in THEME_FIELDS:
                value = getattr(meeting, field)
                if value == theme_text(meeting.method_step, field, old):
                    setattr(meeting, field, theme_text(meeting.method_step, field, new))
                    touched = True
                elif value:
                    kept += 1
            if touched:
                changed_themes.append(meeting)
        translated = dict(
            zip(
                agenda_texts(meeting.method_agenda(), old),
                agenda_texts(meeting.method_agenda(), new),
                strict=True,
            )
        )
        items = sorted(meeting.agenda_items.all(), key=lambda item: item.position)
        moved = False
        for item in items:
            found = translated.get((item.title, item.description))
            if found is None:
                kept += 1
                continue
            item.title, item.description = found
            changed_items.append(item)
            moved = True
        in_sync = meeting.agenda_is_published and not meeting.has_unpublished_changes
        if moved and in_sync:
            meeting.agenda_version += 1
            meeting.set_published_agenda(items)
            republish.append(meeting)
    Meeting.objects.bulk_update(changed_themes, list(THEME_FIELDS))
    Meeting.objects.filter(pk__in=[m.pk for m in changed_themes]).update(
        version=F("version") + 1
    )
    AgendaItem.objects.bulk_update(changed_items, ["title", "description"])
    Meeting.objects.filter(pk__in={item.meeting_id for item in changed_items}).exclude(
        pk__in=[m.pk for m in republish]
    ).update(agenda_version=F("agenda_version") + 1)
    Meeting.objects.bulk_update(
        republish, ["agenda_version", *Meeting.PUBLISHED_AGENDA_FIELDS]
    )
    return kept

"""Writing prompts: where a participant might start an entry.

From the current session's personal theme and question (Table 1 of the method)
and from the writer's open integration assignments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.communities.models import Community
from leerkring.meetings.models import Meeting


@dataclass(frozen=True)
class WritingPrompt:
    source: str  # what it comes from, e.g. "Session 4 · Richting"
    question: str
    query: str  # for the new-entry URL: prefills the title and the link

    @property
    def title(self) -> str:
        return self.question


def current_meeting(community: Community, today: date | None = None) -> Meeting | None:
    """The latest session up to today, else the first one to come."""
    today = today or timezone.localdate()
    meetings = Meeting.objects.filter(period__community=community)
    return (
        meetings.filter(date__lte=today).order_by("-date", "-number").first()
        or meetings.order_by("date", "number").first()
    )


def for_meeting(meeting: Meeting | None) -> list[WritingPrompt]:
    if meeting is None:
        return []
    theme = getattr(meeting, "personal_theme", "")
    question = getattr(meeting, "personal_question", "")
    source = _("Session %(number)s") % {"number": meeting.number}
    if theme:
        source = f"{source} · {theme}"
    prompts = []
    if question:
        prompts.append(
            WritingPrompt(
                source,
                question,
                urlencode({"meeting": meeting.pk, "title": question}),
            )
        )
    if theme:
        general = _("What does “%(theme)s” mean for you this week?") % {"theme": theme}
        prompts.append(
            WritingPrompt(
                source, general, urlencode({"meeting": meeting.pk, "title": general})
            )
        )
    if not prompts:
        general = _("What stayed with you from session %(number)s, and why?") % {
            "number": meeting.number
        }
        prompts.append(
            WritingPrompt(
                source, general, urlencode({"meeting": meeting.pk, "title": general})
            )
        )
    return prompts


def writing_prompts(community: Community, user: object) -> list[WritingPrompt]:
    return for_meeting(current_meeting(community))

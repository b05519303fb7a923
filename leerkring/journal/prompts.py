"""Writing prompts: where a participant might start an entry.

From the current session's personal theme and question (Table 1 of the method)
and from the writer's open integration assignments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.assignments.models import AssignmentReport
from leerkring.communities.models import Community
from leerkring.meetings.models import Meeting

from .forms import writers_assignments


@dataclass(frozen=True)
class WritingPrompt:
    source: str  # where it comes from, e.g. "Session 4 · Richting"
    question: str
    query: str  # for the new-entry URL: prefills the title and the link


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
    source = _("Session %(number)s") % {"number": meeting.number}
    if meeting.personal_theme:
        source = f"{source} · {meeting.personal_theme}"
    questions = []
    if meeting.personal_question:
        questions.append(meeting.personal_question)
    if meeting.personal_theme:
        questions.append(
            _("What does “%(theme)s” mean for you at the moment?")
            % {"theme": meeting.personal_theme.lower()}
        )
    if not questions:
        questions.append(
            _("What stayed with you from session %(number)s, and why?")
            % {"number": meeting.number}
        )
    return [
        WritingPrompt(
            source, question, urlencode({"meeting": meeting.pk, "title": question})
        )
        for question in questions
    ]


def for_assignments(user: Any, community: Community) -> list[WritingPrompt]:
    """One prompt per open (unfinished) integration assignment of the writer."""
    assignments = writers_assignments(user, community).prefetch_related(
        Prefetch("reports", queryset=AssignmentReport.objects.filter(author=user))
    )
    prompts = []
    for assignment in assignments[:10]:
        if not assignment.is_unfinished():
            continue
        what = (
            assignment.what
            if len(assignment.what) <= 70
            else assignment.what[:69] + "…"
        )
        question = _("What did you try, what happened, and what did you learn?")
        title = _("Integration assignment: %(what)s") % {"what": what}
        prompts.append(
            WritingPrompt(
                _("Integration assignment · %(what)s") % {"what": what},
                question,
                urlencode({"assignment": assignment.pk, "title": title[:200]}),
            )
        )
    return prompts[:3]


def writing_prompts(community: Community, user: Any) -> list[WritingPrompt]:
    return for_meeting(current_meeting(community)) + for_assignments(user, community)

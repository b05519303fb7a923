"""The assignments' part of a session's look back: the reports due at it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from leerkring.communities.roles import membership_of
from leerkring.meetings.lookback import LookBackSection

from .models import IntegrationAssignment
from .pages import mark_for_viewer


def reports_due(
    meeting: Any, user: Any, *, shared_screen: bool = False
) -> LookBackSection | None:
    """The integration assignments due at ``meeting`` that ``user`` may read.

    Each with the reports the user may read (what I did, what happened, what I
    learned, status); the viewer's own can be written from here. On the room's
    shared screen: only what every member may read, without buttons.
    """
    due = IntegrationAssignment.objects.filter(due_meeting=meeting)
    if shared_screen:
        marked = list(due.shared_with_community().for_shared_screen())
        membership = None
    else:
        membership = membership_of(user, meeting.period.community_id)
        visible = IntegrationAssignment.objects.visible_to(user).filter(
            due_meeting=meeting
        )
        marked = mark_for_viewer(visible.for_page(user), user, membership)
    if not marked:
        return None
    return LookBackSection(
        title=_("Yield of the integration assignments"),
        template_name="assignments/lookback_reports.html",
        context={
            "assignments": marked,
            "community_id": meeting.period.community_id,
            "is_coach": membership is not None and membership.is_coaching,
        },
    )

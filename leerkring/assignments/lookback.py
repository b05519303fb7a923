"""The assignments' part of a session's look back: the reports due at it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import Membership
from leerkring.meetings.lookback import LookBackSection

from .models import IntegrationAssignment
from .pages import mark_for_viewer


def reports_due(meeting: Any, user: Any) -> LookBackSection | None:
    """The integration assignments due at ``meeting`` that ``user`` may read.

    Each with the reports the user may read (what I did, what happened, what I
    learned, status); the viewer's own can be written from here.
    """
    assignments = IntegrationAssignment.objects.visible_to(user).filter(
        due_meeting=meeting
    )
    membership = (
        Membership.objects.active()
        .filter(community_id=meeting.period.community_id, user=user)
        .first()
    )
    marked = mark_for_viewer(assignments.for_page(user), user, membership)
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

"""Open check-ins and check-outs on the home page's to-do list."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.communities.models import Membership
from leerkring.core.todo import Todo

from .models import Moment, Pulse, PulseWindow


def todos(user: Any, memberships: Sequence[Membership]) -> Iterable[Todo]:
    """For participants: every open check-in or check-out they have not answered."""
    communities = [m.community_id for m in memberships if m.is_participant]
    if not communities:
        return
    windows = (
        PulseWindow.objects.filter(
            meeting__period__community_id__in=communities,
            meeting__date__gte=timezone.localdate(),  # a window left open is stale
            opened_at__isnull=False,
            closed_at__isnull=True,
        )
        .filter(~Exists(Pulse.objects.filter(window=OuterRef("pk"), user=user)))
        .select_related("meeting__period")
        .order_by("meeting__date", "-moment")
    )
    for window in windows:
        meeting = window.meeting
        community_id = meeting.period.community_id
        if window.moment == Moment.CHECK_IN:
            text = _("Answer the check-in of session %(number)s")
        else:
            text = _("Answer the check-out of session %(number)s")
        yield Todo(
            community_id,
            text % {"number": meeting.number},
            reverse(
                "pulses:pulse-answer", args=[community_id, meeting.pk, window.moment]
            ),
            on=meeting.date,
        )

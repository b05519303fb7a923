"""The reminder when a check-in opens (participants who have not answered), and
the week's check-ins in the coaches' digest (``reports.reminders`` sends them)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from leerkring.communities.models import Community, Membership
from leerkring.reports import sessions
from leerkring.reports.models import ReminderDelivery, ReminderKind
from leerkring.reports.reminders import (
    Kind,
    Occasion,
    about_session,
    people_by_community,
)

from . import aggregates
from .models import Moment, Pulse, PulseWindow

CHECK_IN_FRESH = timedelta(hours=3)


def _check_in_opened(now: datetime) -> list[Occasion]:
    """An open check-in (opened in the last hours): participants who did not answer."""
    windows = list(
        PulseWindow.objects.filter(
            moment=Moment.CHECK_IN,
            opened_at__gte=now - CHECK_IN_FRESH,
            opened_at__lte=now,
            closed_at__isnull=True,
        ).select_related("meeting__period")
    )
    participants = people_by_community(
        Membership.objects.active().participants(),
        (w.meeting.period.community_id for w in windows),
    )
    answered = set(
        Pulse.objects.filter(window__in=windows).values_list("window_id", "user_id")
    )
    occasions = []
    for window in windows:
        assert window.opened_at is not None
        community_id = window.meeting.period.community_id
        occasions.append(
            Occasion(
                kind=ReminderKind.CHECK_IN_OPENED,
                subject=f"pulsewindow:{window.pk}",
                scheduled_for=window.meeting.date,
                community_id=community_id,
                meeting_id=window.meeting_id,
                send_after=window.opened_at,
                recipients=[
                    user_id
                    for user_id in participants.get(community_id, [])
                    if (window.pk, user_id) not in answered
                ],
            )
        )
    return occasions


def _check_in_outdated(delivery: ReminderDelivery, now: datetime) -> str:
    window_id = int(delivery.subject.split(":")[1])
    window = PulseWindow.objects.filter(pk=window_id).first()
    if window is None or not window.is_open:
        return "check-in closed"
    if window.opened_at and now > window.opened_at + CHECK_IN_FRESH:
        return "too late"
    if Pulse.objects.filter(window=window, user=delivery.recipient).exists():
        return "answered already"
    return ""


def _check_in_context(delivery: ReminderDelivery, now: datetime) -> dict[str, Any]:
    context = about_session(delivery, now)
    context["check_in_url"] = sessions.absolute(
        reverse("pulses:checkin", args=[delivery.community_id])
    )
    return context


# The check-in is open only for hours: no last call before the session's start.
KINDS = [
    Kind(
        ReminderKind.CHECK_IN_OPENED,
        plan=_check_in_opened,
        context=_check_in_context,
        outdated=_check_in_outdated,
        until_last_call=False,
    )
]


def digest_lines(community: Community, since: datetime, now: datetime) -> list[str]:
    """Answers per check-in/-out of the week; group means only from 3 answers."""
    windows = (
        PulseWindow.objects.filter(
            meeting__period__community=community,
            opened_at__gte=since,
            opened_at__lte=now,
        )
        .select_related("meeting")
        .order_by("meeting__number", "-moment")
    )
    answers: dict[int, list[tuple[int, int]]] = {}
    for window_id, energy, safety in Pulse.objects.filter(
        window__in=windows
    ).values_list("window_id", "energy", "safety"):
        answers.setdefault(window_id, []).append((energy, safety))
    lines = []
    for window in windows:
        rows = answers.get(window.pk, [])
        line = _("%(moment)s of session %(number)s: %(count)s answers") % {
            "moment": window.get_moment_display(),
            "number": window.meeting.number,
            "count": len(rows),
        }
        mean_energy = aggregates.mean(row[0] for row in rows)
        mean_safety = aggregates.mean(row[1] for row in rows)
        if mean_energy is not None and mean_safety is not None:
            line += " " + _("(mean energy %(energy)s, safety %(safety)s)") % {
                "energy": formats.number_format(mean_energy, 1),
                "safety": formats.number_format(mean_safety, 1),
            }
        lines.append(line)
    return lines

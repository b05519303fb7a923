"""Self-run meetings on the home page's to-do list: the roles members take in turn,
for coaches the meetings they join, and for programme leads the self-run
communities that have gone without a coach for longer than the organisation's
setting (dates only, never names)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from leerkring.communities.models import LearningPeriod, Membership, Organisation
from leerkring.core.todo import Todo

from .models import Meeting, MeetingRole
from .selfrun.attention import last_attention, months_before

AHEAD = timedelta(weeks=3)  # a role or a coach's visit shows this long before
SUMMARY_WITHIN = timedelta(weeks=4)  # a note-taker is reminded this long after


def todos(user: Any, memberships: Sequence[Membership]) -> Iterable[Todo]:
    yield from _roles([m for m in memberships if m.is_participant])
    yield from _coach_visits([m for m in memberships if m.is_coaching])


def _roles(memberships: list[Membership]) -> Iterable[Todo]:
    """The chair prepares a coming meeting; the note-taker writes its summary."""
    if not memberships:
        return
    today = timezone.localdate()
    coming = Q(meeting__date__gte=today, meeting__date__lte=today + AHEAD)
    unwritten = (
        Q(role=MeetingRole.Role.NOTE_TAKER)
        & Q(meeting__date__lt=today, meeting__date__gte=today - SUMMARY_WITHIN)
        & ~Q(meeting__summary_status=Meeting.SummaryStatus.PUBLISHED)
    )
    roles = (
        MeetingRole.objects.filter(membership__in=memberships)
        .filter(coming | unwritten)
        .select_related("meeting__period")
        .order_by("meeting__date", "role")
    )
    for role in roles:
        meeting = role.meeting
        community_id = meeting.period.community_id
        number = {"number": meeting.number}
        if meeting.date < today:
            url = reverse("meetings:summary-edit", args=[meeting.pk])
            text = _("Write the summary of meeting %(number)s") % number
            yield Todo(community_id, text, url)
            continue
        on = {**number, "date": formats.date_format(meeting.date, "l j F")}
        if role.role == MeetingRole.Role.CHAIR:
            text = (
                _(
                    "You chair meeting %(number)s on %(date)s: look at the agenda "
                    "beforehand; at the start you open the room, the check-in and "
                    "the attendance"
                )
                % on
            )
        elif role.role == MeetingRole.Role.NOTE_TAKER:
            text = (
                _(
                    "You take the notes at meeting %(number)s on %(date)s and write "
                    "its summary afterwards"
                )
                % on
            )
        else:
            text = _("You are %(role)s at meeting %(number)s on %(date)s") % {
                **on,
                "role": role.get_role_display().lower(),
            }
        url = reverse("meetings:meeting-detail", args=[meeting.pk])
        yield Todo(community_id, text, url, on=meeting.date)


def _coach_visits(memberships: list[Membership]) -> Iterable[Todo]:
    """Coaches: the self-run meetings they join in the coming weeks."""
    if not memberships:
        return
    today = timezone.localdate()
    meetings = Meeting.objects.filter(
        period__community_id__in=[m.community_id for m in memberships],
        with_coach=True,
        date__gte=today,
        date__lte=today + AHEAD,
    ).select_related("period")
    for meeting in meetings.order_by("date"):
        yield Todo(
            meeting.period.community_id,
            _("Join self-run meeting %(number)s as coach") % {"number": meeting.number},
            reverse("meetings:meeting-detail", args=[meeting.pk]),
            on=meeting.date,
        )


def lead_todos(user: Any, organisations: Sequence[Organisation]) -> Iterable[Todo]:
    """Self-run communities without a coach's attention for longer than their
    organisation allows (``Organisation.coach_attention_months``)."""
    today = timezone.localdate()
    periods = list(
        LearningPeriod.objects.filter(
            community__organisation__in=organisations,
            kind=LearningPeriod.Kind.SELF_RUN,
            start_date__lte=today,
            end_date__gte=today,
        ).select_related("community__organisation")
    )
    last = last_attention((p.community_id for p in periods), today)
    for period in periods:
        community = period.community
        months = community.organisation.coach_attention_months
        since = last.get(community.pk)
        if since is not None and since >= months_before(today, months):
            continue
        text = _("“%(community)s” has had no coach for more than %(months)s months") % {
            "community": community.name,
            "months": months,
        }
        yield Todo(
            community.pk,
            text,
            reverse("meetings:period-overview", args=[community.pk])
            + f"?period={period.pk}",
            organisation_id=community.organisation_id,
        )

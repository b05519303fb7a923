"""The reminders about integration assignments: the day before the session where
a report is due, its owners who have not reported; the open ones in every e-mail
about a session; the week's reports in the coaches' digest
(``reports.reminders`` sends them)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.urls import reverse
from django.utils.translation import ngettext

from leerkring.communities.models import Community, Membership
from leerkring.meetings.models import Meeting
from leerkring.meetings.reminders import reminded_sessions
from leerkring.reports import sessions
from leerkring.reports.models import ReminderDelivery, ReminderKind, local_datetime
from leerkring.reports.reminders import (
    SEND_HOUR,
    Kind,
    Occasion,
    about_session,
    people_by_community,
)

from .models import AssignmentReport, IntegrationAssignment

ASSIGNMENT_DUE_DAYS = 1


def open_assignments(user: Any, meeting: Meeting) -> list[IntegrationAssignment]:
    """The person's assignments due by this session they have not reported on
    (``IntegrationAssignmentQuerySet.open_for``)."""
    assignments = (
        IntegrationAssignment.objects.open_for(user)
        .filter(period_id=meeting.period_id, due_date__lte=meeting.date)
        .order_by("due_date", "pk")
    )
    return list(assignments)


def session_context(user: Any, meeting: Meeting) -> dict[str, Any]:
    """Every e-mail about a session lists the person's open assignments."""
    return {"assignments": open_assignments(user, meeting)}


def _open_assignment_owners(meetings: list[Meeting]) -> dict[int, set[int]]:
    """Per session, who has an assignment due at it without a report of theirs
    (the rule of ``open_for``, over prefetched reports)."""
    if not meetings:
        return {}
    participants = people_by_community(
        Membership.objects.active().participants(),
        (m.period.community_id for m in meetings),
    )
    assignments = IntegrationAssignment.objects.filter(
        due_meeting__in=meetings, carried_to__isnull=True
    ).prefetch_related("reports")
    owners: dict[int, set[int]] = {}
    for assignment in assignments:
        meeting_id = assignment.due_meeting_id
        assert meeting_id is not None
        reported = {r.author_id for r in assignment.reports.all()}
        community = next(m for m in meetings if m.pk == meeting_id).period.community_id
        expected = (
            [assignment.owner_id]
            if assignment.owner_id is not None
            else participants.get(community, [])
        )
        for user_id in expected:
            if user_id not in reported:
                owners.setdefault(meeting_id, set()).add(user_id)
    return owners


def _assignment_due(now: datetime) -> list[Occasion]:
    """The day before a session: who still owes a report on an assignment due then."""
    meetings = reminded_sessions(now, ASSIGNMENT_DUE_DAYS)
    owners = _open_assignment_owners(meetings)
    return [
        Occasion(
            kind=ReminderKind.ASSIGNMENT_DUE,
            subject=f"meeting:{m.pk}",
            scheduled_for=m.date,
            community_id=m.period.community_id,
            meeting_id=m.pk,
            send_after=local_datetime(
                m.date - timedelta(days=ASSIGNMENT_DUE_DAYS), SEND_HOUR
            ),
            recipients=sorted(owners[m.pk]),
        )
        for m in meetings
        if m.pk in owners
    ]


def _due_reports(delivery: ReminderDelivery) -> list[IntegrationAssignment]:
    meeting = delivery.meeting
    assert meeting is not None
    return [
        a
        for a in open_assignments(delivery.recipient, meeting)
        if a.due_meeting_id == meeting.pk
    ]


def _reported_already(delivery: ReminderDelivery, now: datetime) -> str:
    return "" if _due_reports(delivery) else "reported already"


def _assignment_context(delivery: ReminderDelivery, now: datetime) -> dict[str, Any]:
    context = about_session(delivery, now)
    context["assignments"] = _due_reports(delivery)
    context["report_url"] = sessions.absolute(
        reverse(
            "assignments:session",
            args=[delivery.community_id, context["meeting"].pk],
        )
    )
    return context


KINDS = [
    Kind(
        ReminderKind.ASSIGNMENT_DUE,
        plan=_assignment_due,
        context=_assignment_context,
        outdated=_reported_already,
    )
]


def digest_lines(community: Community, since: datetime, now: datetime) -> list[str]:
    """The assignment reports written this week."""
    reports = AssignmentReport.objects.filter(
        assignment__period__community=community, created_at__gte=since
    ).count()
    return [
        ngettext(
            "%(count)s assignment report this week",
            "%(count)s assignment reports this week",
            reports,
        )
        % {"count": reports}
    ]

"""Reminders by e-mail: planning them, and sending each one at most once.

``plan(now)`` looks at what is coming (sessions in two days, reports due, opened
check-ins, the week's coach digest) and creates one ``ReminderDelivery`` per
recipient and occasion — ``bulk_create(ignore_conflicts=True)`` on the unique
(kind, recipient, subject, scheduled_for), so planning twice plans nothing new.

``send_due(now)`` sends what is due. Each delivery is *claimed* with one
conditional UPDATE (planned/failed → sending, attempts + 1) before anything is
sent; a second job or worker running at the same moment finds nothing to claim.
After the mail server accepted it the row is marked sent. A failure is recorded
(error, attempt count) and retried later with exponential backoff; a claim
whose worker died is given up once its lease (``LEASE``) has lapsed — it may
have reached the mail server, so it is never sent again automatically.

Before sending, the delivery is checked against the present: a session that
moved (its date is no longer ``scheduled_for``), a recipient who left, was
deleted or switched the reminder off — those are skipped, never sent.
See docs/reminders.md for the guarantees.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from leerkring.accounts.models import User
from leerkring.assignments.models import AssignmentReport, IntegrationAssignment
from leerkring.communities.models import Community, Membership, running_on
from leerkring.intake.models import awaiting_intake
from leerkring.meetings.models import Meeting
from leerkring.pulses import aggregates
from leerkring.pulses.models import Moment, Pulse, PulseWindow

from . import sessions
from .models import (
    MAX_ATTEMPTS,
    DeliveryStatus,
    ReminderDelivery,
    ReminderKind,
    ReminderPreference,
    local_datetime,
)

logger = logging.getLogger(__name__)

SEND_HOUR = 8  # reminders go out at 08:00, Amsterdam time
SESSION_SOON_DAYS = 2
ASSIGNMENT_DUE_DAYS = 1
PLAN_AHEAD_DAYS = 1  # planned a day before they are sent (so a move can skip them)

MOVED = "session moved"
# A session reminder later than this before the start is no use any more.
LAST_CALL = timedelta(hours=6)
# The weekly digest is sent on Monday, or on Tuesday if the worker was down.
DIGEST_DAYS = 2


@dataclass(frozen=True)
class Occasion:
    """Something one or more people should be reminded of."""

    kind: str
    subject: str
    scheduled_for: date
    community_id: int
    send_after: datetime
    recipients: list[int]
    meeting_id: int | None = None


def _members(community_ids: Iterable[int]) -> dict[int, list[int]]:
    """Active members (with an active account) per community, in one query."""
    found: dict[int, list[int]] = {}
    rows = (
        Membership.objects.active()
        .filter(community_id__in=list(community_ids), user__is_active=True)
        .values_list("community_id", "user_id", "role")
    )
    for community_id, user_id, _role in rows:
        found.setdefault(community_id, []).append(user_id)
    return found


def _coaches(community_ids: Iterable[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    rows = (
        Membership.objects.active()
        .coaching()
        .filter(community_id__in=list(community_ids), user__is_active=True)
        .values_list("community_id", "user_id")
    )
    for community_id, user_id in rows:
        found.setdefault(community_id, []).append(user_id)
    return found


def _session_soon(now: datetime) -> list[Occasion]:
    """Two days before each session: every active member."""
    today = timezone.localdate(now)
    meetings = list(
        Meeting.objects.filter(
            date__gte=today,
            date__lte=today + timedelta(days=SESSION_SOON_DAYS + PLAN_AHEAD_DAYS),
        ).select_related("period")
    )
    meetings = [m for m in meetings if now < m.starts_at - LAST_CALL]
    members = _members(m.period.community_id for m in meetings)
    return [
        Occasion(
            kind=ReminderKind.SESSION_SOON,
            subject=f"meeting:{m.pk}",
            scheduled_for=m.date,
            community_id=m.period.community_id,
            meeting_id=m.pk,
            send_after=local_datetime(
                m.date - timedelta(days=SESSION_SOON_DAYS), SEND_HOUR
            ),
            recipients=members.get(m.period.community_id, []),
        )
        for m in meetings
    ]


def _coach_digest(now: datetime) -> list[Occasion]:
    """Every Monday: each coach of a community with a running period."""
    today = timezone.localdate(now)
    monday = today - timedelta(days=today.weekday())
    if today.weekday() >= DIGEST_DAYS:
        return []
    communities = list(
        Community.objects.filter(running_on(today, "periods"))
        .distinct()
        .values_list("pk", flat=True)
    )
    coaches = _coaches(communities)
    return [
        Occasion(
            kind=ReminderKind.COACH_DIGEST,
            subject=f"community:{community_id}",
            scheduled_for=monday,
            community_id=community_id,
            send_after=local_datetime(monday, SEND_HOUR),
            recipients=coaches.get(community_id, []),
        )
        for community_id in communities
    ]


def open_assignments(user: Any, meeting: Meeting) -> list[IntegrationAssignment]:
    """The person's assignments due by this session they have not reported on
    (``IntegrationAssignmentQuerySet.open_for``)."""
    assignments = (
        IntegrationAssignment.objects.open_for(user)
        .filter(period_id=meeting.period_id, due_date__lte=meeting.date)
        .order_by("due_date", "pk")
    )
    return list(assignments)


def _open_assignment_owners(meetings: list[Meeting]) -> dict[int, set[int]]:
    """Per session, who has an assignment due at it without a report of theirs
    (the rule of ``open_for``, over prefetched reports)."""
    if not meetings:
        return {}
    participants = _participants(m.period.community_id for m in meetings)
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


def _participants(community_ids: Iterable[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    rows = (
        Membership.objects.active()
        .participants()
        .filter(community_id__in=list(community_ids), user__is_active=True)
        .values_list("community_id", "user_id")
    )
    for community_id, user_id in rows:
        found.setdefault(community_id, []).append(user_id)
    return found


def _assignment_due(now: datetime) -> list[Occasion]:
    """The day before a session: who still owes a report on an assignment due then."""
    today = timezone.localdate(now)
    meetings = [
        m
        for m in Meeting.objects.filter(
            date__gte=today,
            date__lte=today + timedelta(days=ASSIGNMENT_DUE_DAYS + PLAN_AHEAD_DAYS),
        ).select_related("period")
        if now < m.starts_at - LAST_CALL
    ]
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
    participants = _participants(w.meeting.period.community_id for w in windows)
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


PLANNERS: list[Callable[[datetime], list[Occasion]]] = [
    _session_soon,
    _assignment_due,
    _check_in_opened,
    _coach_digest,
]


def plan(now: datetime | None = None) -> int:
    """Plan every reminder that is coming up; returns how many are new.

    A fixed number of queries however many occasions and people: one preference
    query per kind, one insert, one look for skipped reminders to plan again."""
    now = now or timezone.now()
    occasions = [o for planner in PLANNERS for o in planner(now)]
    recipients: dict[str, set[int]] = {}
    for occasion in occasions:
        recipients.setdefault(occasion.kind, set()).update(occasion.recipients)
    wanted = {
        kind: ReminderPreference.objects.wanted(kind, sorted(user_ids))
        for kind, user_ids in recipients.items()
    }
    rows = [
        ReminderDelivery(
            kind=occasion.kind,
            recipient_id=user_id,
            subject=occasion.subject,
            scheduled_for=occasion.scheduled_for,
            meeting_id=occasion.meeting_id,
            community_id=occasion.community_id,
            send_after=occasion.send_after,
        )
        for occasion in occasions
        for user_id in sorted(wanted[occasion.kind].intersection(occasion.recipients))
    ]
    before = ReminderDelivery.objects.count()
    ReminderDelivery.objects.bulk_create(rows, ignore_conflicts=True)
    _replan_moved_back(occasions)
    return ReminderDelivery.objects.count() - before


def _replan_moved_back(occasions: list[Occasion]) -> None:
    """A session moved away and back again: its skipped reminders count again."""
    occasions = [o for o in occasions if o.meeting_id is not None]
    if not occasions:
        return
    keys = {(o.kind, o.subject, o.scheduled_for) for o in occasions}
    skipped = ReminderDelivery.objects.filter(
        status=DeliveryStatus.SKIPPED,
        note=MOVED,
        subject__in={o.subject for o in occasions},
    ).values_list("pk", "kind", "subject", "scheduled_for")
    back = [pk for pk, *key in skipped if tuple(key) in keys]
    ReminderDelivery.objects.filter(
        pk__in=back, status=DeliveryStatus.SKIPPED, note=MOVED
    ).update(status=DeliveryStatus.PLANNED, note="")


# Sending.


def claim(delivery_id: int, now: datetime) -> bool:
    """Take the delivery for sending; False if someone else has it or it is done."""
    claimed = (
        ReminderDelivery.objects.due(now)
        .filter(pk=delivery_id)
        .update(
            status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    )
    return claimed == 1


def _skip(delivery: ReminderDelivery, reason: str) -> None:
    ReminderDelivery.objects.filter(
        pk=delivery.pk, status=DeliveryStatus.SENDING
    ).update(status=DeliveryStatus.SKIPPED, note=reason[:200])


def why_not(delivery: ReminderDelivery, now: datetime) -> str:
    """Why this reminder must not go out any more (empty: it may)."""
    user = delivery.recipient
    if not user.is_active:
        return "recipient deleted"
    membership = Membership.objects.active().filter(
        community_id=delivery.community_id, user=user
    )
    if not membership.exists():
        return "no longer a member"
    preference = ReminderPreference.objects.filter(user=user).first()
    if preference is not None and not preference.wants(delivery.kind):
        return "switched off"
    meeting = delivery.meeting
    if meeting is None:
        return ""
    if meeting.date != delivery.scheduled_for:
        return MOVED
    if delivery.kind == ReminderKind.CHECK_IN_OPENED:
        return _check_in_outdated(delivery, now)
    if now >= meeting.starts_at - LAST_CALL:
        return "too late"
    if delivery.kind == ReminderKind.ASSIGNMENT_DUE and not _due_reports(delivery):
        return "reported already"
    return ""


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


def _due_reports(delivery: ReminderDelivery) -> list[IntegrationAssignment]:
    meeting = delivery.meeting
    assert meeting is not None
    return [
        a
        for a in open_assignments(delivery.recipient, meeting)
        if a.due_meeting_id == meeting.pk
    ]


def compose(delivery: ReminderDelivery, now: datetime) -> EmailMultiAlternatives:
    """The e-mail (text and HTML) in the recipient's language."""
    user = delivery.recipient
    with translation.override(user.preferred_language):
        context = CONTEXTS[delivery.kind](delivery, now)
        context |= {
            "recipient": user,
            "preferences_url": sessions.absolute(reverse("reports:calendar")),
        }
        name = f"reports/email/{delivery.kind}"
        subject = render_to_string(f"{name}_subject.txt", context)
        text = render_to_string(f"{name}.txt", context)
        html = render_to_string(f"{name}.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, to=[user.email])
    message.attach_alternative(html, "text/html")
    return message


def deliver(delivery_id: int, now: datetime | None = None) -> str:
    """Send one delivery at most once; returns its status afterwards."""
    now = now or timezone.now()
    if not claim(delivery_id, now):
        return "not claimed"
    delivery = ReminderDelivery.objects.select_related(
        "recipient", "meeting__period__community", "community"
    ).get(pk=delivery_id)
    reason = why_not(delivery, now)
    if reason:
        _skip(delivery, reason)
        return DeliveryStatus.SKIPPED
    try:
        compose(delivery, now).send()
    except Exception as error:
        _failed(delivery, error, now)
        return DeliveryStatus.FAILED
    ReminderDelivery.objects.filter(
        pk=delivery.pk, status=DeliveryStatus.SENDING, claimed_at=now
    ).update(status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error="")
    return DeliveryStatus.SENT


def _failed(delivery: ReminderDelivery, error: Exception, now: datetime) -> None:
    logger.warning("Reminder %s failed: %s", delivery.pk, error)
    gave_up = delivery.attempts >= MAX_ATTEMPTS
    ReminderDelivery.objects.filter(
        pk=delivery.pk, status=DeliveryStatus.SENDING
    ).update(
        status=DeliveryStatus.GAVE_UP if gave_up else DeliveryStatus.FAILED,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        send_after=delivery.retry_at(now),
        claimed_at=None,
    )


def due_ids(now: datetime) -> list[int]:
    return list(
        ReminderDelivery.objects.due(now)
        .order_by("send_after", "pk")
        .values_list("pk", flat=True)
    )


def kind_of(delivery_id: int) -> str:
    return str(
        ReminderDelivery.objects.values_list("kind", flat=True).get(pk=delivery_id)
    )


_UNKNOWN_OUTCOME = (
    "The worker stopped while sending; it is not known whether the mail server "
    "accepted the message. Not retried automatically, so it is never sent twice: "
    "retry it from the admin if it did not arrive."
)


def send_due(now: datetime | None = None) -> Counter[str]:
    """Send every due delivery; returns how many ended in each status."""
    now = now or timezone.now()
    outcome: Counter[str] = Counter()
    # A claim whose worker died may or may not have reached the mail server;
    # sending it again could send it twice, so it goes to the admins instead.
    lapsed = ReminderDelivery.objects.lapsed(now).update(
        status=DeliveryStatus.GAVE_UP, last_error=_UNKNOWN_OUTCOME
    )
    if lapsed:
        outcome[DeliveryStatus.GAVE_UP] += lapsed
    for delivery_id in due_ids(now):
        outcome[deliver(delivery_id, now)] += 1
    return outcome


def run(now: datetime | None = None) -> Counter[str]:
    """One round of the planner: plan what is coming, send what is due."""
    now = now or timezone.now()
    plan(now)
    return send_due(now)


# What each kind of e-mail says.


def _session_context(delivery: ReminderDelivery, now: datetime) -> dict[str, Any]:
    meeting = delivery.meeting
    assert meeting is not None
    return {
        "assignments": open_assignments(delivery.recipient, meeting),
        "meeting": meeting,
        "session": sessions.describe(meeting),
        "community": delivery.community,
        "ics_url": sessions.absolute(reverse("reports:meeting-ics", args=[meeting.pk])),
    }


def _digest_context(delivery: ReminderDelivery, now: datetime) -> dict[str, Any]:
    community = delivery.community
    since = now - timedelta(days=7)
    upcoming = (
        Meeting.objects.filter(
            period__community=community, date__gte=timezone.localdate(now)
        )
        .order_by("date", "number")
        .select_related("period__community")
        .first()
    )
    return {
        "community": community,
        "since": since,
        "lines": [
            line for collect in DIGEST_LINES for line in collect(community, since, now)
        ],
        "next_session": sessions.describe(upcoming) if upcoming else None,
        "community_url": sessions.absolute(
            reverse("communities:community-detail", args=[community.pk])
        ),
    }


def _period_lines(community: Community, since: datetime, now: datetime) -> list[str]:
    today = timezone.localdate(now)
    period = community.current_period(today)
    if period is None:
        return []
    numbers = list(Meeting.objects.filter(period=period).values_list("date", flat=True))
    held = sum(1 for day in numbers if day < today)
    participants = (
        Membership.objects.active().participants().filter(community=community)
    )
    return [
        ngettext(
            "%(count)s active participant",
            "%(count)s active participants",
            participants.count(),
        )
        % {"count": participants.count()},
        _("%(held)s of %(total)s sessions held")
        % {"held": held, "total": len(numbers)},
    ]


def _intake_lines(community: Community, since: datetime, now: datetime) -> list[str]:
    """Participants still waiting for their intake (one query); nothing when none."""
    pending = awaiting_intake(community.pk).count()
    if not pending:
        return []
    return [
        ngettext(
            "%(count)s participant without an intake yet",
            "%(count)s participants without an intake yet",
            pending,
        )
        % {"count": pending}
    ]


def _assignment_lines(
    community: Community, since: datetime, now: datetime
) -> list[str]:
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


def _check_in_lines(community: Community, since: datetime, now: datetime) -> list[str]:
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


DigestLines = Callable[[Community, datetime, datetime], list[str]]
DIGEST_LINES: list[DigestLines] = [
    _period_lines,
    _intake_lines,
    _assignment_lines,
    _check_in_lines,
]


def _assignment_context(delivery: ReminderDelivery, now: datetime) -> dict[str, Any]:
    context = _session_context(delivery, now)
    context["assignments"] = _due_reports(delivery)
    context["report_url"] = sessions.absolute(
        reverse(
            "assignments:session",
            args=[delivery.community_id, context["meeting"].pk],
        )
    )
    return context


def _check_in_context(delivery: ReminderDelivery, now: datetime) -> dict[str, Any]:
    context = _session_context(delivery, now)
    context["check_in_url"] = sessions.absolute(
        reverse("pulses:checkin", args=[delivery.community_id])
    )
    return context


CONTEXTS: dict[str, Callable[[ReminderDelivery, datetime], dict[str, Any]]] = {
    ReminderKind.SESSION_SOON: _session_context,
    ReminderKind.ASSIGNMENT_DUE: _assignment_context,
    ReminderKind.CHECK_IN_OPENED: _check_in_context,
    ReminderKind.COACH_DIGEST: _digest_context,
}


def summary(deliveries: Any) -> dict[str, int]:
    """Count deliveries per kind (for the simulation and the admin)."""
    counts = Counter(deliveries.values_list("kind", flat=True))
    return {kind: counts.get(kind, 0) for kind in ReminderKind.values}


def recent_for(user: User, limit: int = 20) -> list[ReminderDelivery]:
    return list(
        ReminderDelivery.objects.filter(recipient=user)
        .filter(Q(status=DeliveryStatus.SENT) | Q(status=DeliveryStatus.PLANNED))
        .select_related("community")
        .order_by("-send_after")[:limit]
    )

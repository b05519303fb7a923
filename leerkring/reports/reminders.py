"""Reminders by e-mail: the delivery machinery (plan → claim → deliver → back off).

Each app owns the reminders about its own events, in ``<app>/reminders.py``
(found like ``todo.py``, in ``INSTALLED_APPS`` order)::

    KINDS: Sequence[Kind]      # the kinds it plans, what their e-mail says,
                               # and when one is outdated
    def digest_lines(community, since, now) -> list[str]
                               # its lines in the coaches' weekly digest
    def session_context(user, meeting) -> dict[str, Any]
                               # more for every e-mail about a session

This module keeps what every kind shares, and the weekly digest it assembles.

``plan(now)`` asks every kind what is coming (sessions in two days, reports due,
opened check-ins, the week's coach digest) and creates one ``ReminderDelivery``
per recipient and occasion — ``bulk_create(ignore_conflicts=True)`` on the unique
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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from types import ModuleType
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from leerkring.accounts.models import User
from leerkring.communities.models import Community, Membership, running_on
from leerkring.core.discovery import app_modules
from leerkring.meetings.models import Meeting

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


Context = Callable[[ReminderDelivery, datetime], dict[str, Any]]


@dataclass(frozen=True)
class Kind:
    """A kind of reminder, registered by the app whose event it is.

    ``kind`` is a ``ReminderKind`` (its preference switch and its e-mail templates
    ``reports/email/<kind>*``); ``plan(now)`` returns what is coming, in a fixed
    number of queries; ``context`` is what the e-mail says. A delivery about a
    session is skipped when the session moved and, with ``until_last_call``, when
    it starts within ``LAST_CALL``; then ``outdated`` may give a reason of its own.
    """

    kind: str
    plan: Callable[[datetime], list[Occasion]]
    context: Context
    outdated: Callable[[ReminderDelivery, datetime], str] | None = None
    until_last_call: bool = True


@cache
def _contributions() -> tuple[ModuleType, ...]:
    """The apps' ``reminders`` modules, looked up once (the apps do not change)."""
    return tuple(module for _config, module in app_modules("reminders"))


@cache
def kinds() -> dict[str, Kind]:
    """Every app's reminder kinds by name, in ``INSTALLED_APPS`` order."""
    found: dict[str, Kind] = {}
    for module in _contributions():
        for kind in getattr(module, "KINDS", ()):
            if kind.kind in found or kind.kind not in ReminderKind.values:
                raise ImproperlyConfigured(
                    f"{module.__name__}: reminder kind {kind.kind!r} is "
                    "registered twice or is not a ReminderKind"
                )
            found[kind.kind] = kind
    return found


def people_by_community(
    memberships: QuerySet[Membership], community_ids: Iterable[int]
) -> dict[int, list[int]]:
    """Of these memberships, the people with an active account per community,
    in one query (e.g. ``Membership.objects.active().coaching()``)."""
    found: dict[int, list[int]] = {}
    rows = memberships.filter(
        community_id__in=list(community_ids), user__is_active=True
    ).values_list("community_id", "user_id")
    for community_id, user_id in rows:
        found.setdefault(community_id, []).append(user_id)
    return found


def plan(now: datetime | None = None) -> int:
    """Plan every reminder that is coming up; returns how many are new.

    A fixed number of queries however many occasions and people: each kind's
    planner's own, one preference query per kind, the insert, and two to plan
    reminders skipped for a move again."""
    now = now or timezone.now()
    occasions = [o for kind in kinds().values() for o in kind.plan(now)]
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
    kind = kinds()[delivery.kind]
    if kind.until_last_call and now >= meeting.starts_at - LAST_CALL:
        return "too late"
    return kind.outdated(delivery, now) if kind.outdated else ""


def compose(delivery: ReminderDelivery, now: datetime) -> EmailMultiAlternatives:
    """The e-mail (text and HTML) in the recipient's language."""
    user = delivery.recipient
    with translation.override(user.preferred_language):
        context = kinds()[delivery.kind].context(delivery, now)
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


# What the e-mails share, and the digest.


def about_session(delivery: ReminderDelivery, now: datetime) -> dict[str, Any]:
    """What every e-mail about a session says: the session, a calendar link, and
    what each app's ``session_context(user, meeting)`` adds for this person."""
    meeting = delivery.meeting
    assert meeting is not None
    context: dict[str, Any] = {
        "meeting": meeting,
        "session": sessions.describe(meeting),
        "community": delivery.community,
        "ics_url": sessions.absolute(reverse("reports:meeting-ics", args=[meeting.pk])),
    }
    for module in _contributions():
        if hasattr(module, "session_context"):
            context |= module.session_context(delivery.recipient, meeting)
    return context


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
    coaches = people_by_community(Membership.objects.active().coaching(), communities)
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


def _digest_context(delivery: ReminderDelivery, now: datetime) -> dict[str, Any]:
    """The week of one community: each app's ``digest_lines(community, since,
    now)`` (counts only), in ``INSTALLED_APPS`` order, and the next session."""
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
            line
            for module in _contributions()
            if hasattr(module, "digest_lines")
            for line in module.digest_lines(community, since, now)
        ],
        "next_session": sessions.describe(upcoming) if upcoming else None,
        "community_url": sessions.absolute(
            reverse("communities:community-detail", args=[community.pk])
        ),
    }


KINDS: Sequence[Kind] = [
    Kind(ReminderKind.COACH_DIGEST, plan=_coach_digest, context=_digest_context)
]


def recent_for(user: User, limit: int = 20) -> list[ReminderDelivery]:
    return list(
        ReminderDelivery.objects.filter(recipient=user)
        .filter(Q(status=DeliveryStatus.SENT) | Q(status=DeliveryStatus.PLANNED))
        .select_related("community")
        .order_by("-send_after")[:limit]
    )

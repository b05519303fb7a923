"""What leaves the app: calendar feeds and e-mailed reminders.

* ``CalendarFeed`` — a person's secret feed address. Only a random nonce and the
  SHA-256 of the token are stored; the token itself is an HMAC of the nonce with
  the site's secret key, so the page can show the address again while a copy of
  the database alone cannot open anyone's feed. Resetting draws a new nonce: the
  old address answers 404 from then on.
* ``CalendarStamp`` — what a session looked like when a calendar last saw it, so
  that a moved session gets a higher ``SEQUENCE`` and a new ``LAST-MODIFIED``
  (calendar apps only replace an event that says it is newer).
* ``ReminderPreference`` — which reminders someone wants (every kind on by
  default; no row means the defaults).
* ``ReminderDelivery`` — one reminder to one person about one thing for one date.
  The unique constraint makes planning idempotent; claiming it in a transaction
  before sending makes sending at most once (see docs/reminders.md).
* ``ReminderClock`` — the planner's next run, so that a self-rescheduling task
  stays a single chain even when it is enqueued twice.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A claimed delivery whose worker died is given up after this long (never
# retried: it may have reached the mail server; see docs/reminders.md).
LEASE = timedelta(minutes=15)
# Attempts before a delivery is given up (and stays visible as failed).
MAX_ATTEMPTS = 6


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(models.Model):
    """A person's secret, revocable calendar address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    nonce = models.CharField(max_length=64)
    token_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)

    @staticmethod
    def token_for(nonce: str) -> str:
        mac = hmac.new(
            settings.SECRET_KEY.encode(), f"calendar:{nonce}".encode(), "sha256"
        )
        return mac.hexdigest()[:40]

    @property
    def token(self) -> str:
        return self.token_for(self.nonce)

    def renew(self) -> None:
        """Draw a new secret (unsaved): the previous address stops working."""
        self.nonce = secrets.token_hex(16)
        self.token_digest = _digest(self.token)
        self.created_at = timezone.now()

    @property
    def is_current(self) -> bool:
        """False after the site's secret key changed (the address must be renewed)."""
        return hmac.compare_digest(self.token_digest, _digest(self.token))

    @classmethod
    def find(cls, token: str) -> CalendarFeed | None:
        """The active feed with this token, if any."""
        return (
            cls.objects.select_related("user")
            .filter(token_digest=_digest(token), user__is_active=True)
            .first()
        )


class CalendarStamp(models.Model):
    """The version of a session's calendar event (``SEQUENCE``, ``LAST-MODIFIED``)."""

    meeting = models.OneToOneField(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="+"
    )
    fingerprint = models.CharField(max_length=64)
    sequence = models.PositiveIntegerField(default=0)
    modified_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar version of a session")
        verbose_name_plural = _("calendar versions of sessions")

    def __str__(self) -> str:
        return f"{self.meeting_id} #{self.sequence}"


class ReminderKind(models.TextChoices):
    SESSION_SOON = "session_soon", _("A session in two days")
    ASSIGNMENT_DUE = "assignment_due", _("An assignment report is due")
    CHECK_IN_OPENED = "check_in_opened", _("The check-in is open")
    COACH_DIGEST = "coach_digest", _("Weekly digest for coaches")


class ReminderPreferenceQuerySet(models.QuerySet["ReminderPreference"]):
    def wanted(self, kind: str, user_ids: list[int]) -> set[int]:
        """Of ``user_ids``, who wants reminders of ``kind`` (default: yes)."""
        refused = set(
            self.filter(user_id__in=user_ids, **{kind: False}).values_list(
                "user_id", flat=True
            )
        )
        return set(user_ids) - refused


class ReminderPreference(models.Model):
    """Which reminders one person gets; every kind is on until they switch it off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    session_soon = models.BooleanField(
        _("two days before a session: the agenda and my open assignments"),
        default=True,
    )
    assignment_due = models.BooleanField(
        _("the day before an assignment report is due"), default=True
    )
    check_in_opened = models.BooleanField(
        _("when the check-in of a session opens"), default=True
    )
    coach_digest = models.BooleanField(
        _("a weekly digest of my communities (coaches)"), default=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReminderPreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder preferences")
        verbose_name_plural = _("reminder preferences")

    def __str__(self) -> str:
        return str(self.user)

    def wants(self, kind: str) -> bool:
        return bool(getattr(self, kind))


class DeliveryStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will be retried")
    GAVE_UP = "gave_up", _("Failed, given up")
    SKIPPED = "skipped", _("Not sent")


FAILED_STATUSES = [DeliveryStatus.FAILED, DeliveryStatus.GAVE_UP]


class ReminderDeliveryQuerySet(models.QuerySet["ReminderDelivery"]):
    def due(self, now: datetime) -> ReminderDeliveryQuerySet:
        """Ready to send: planned, or failed (refused) and due for a retry."""
        return self.filter(
            status__in=[DeliveryStatus.PLANNED, DeliveryStatus.FAILED],
            send_after__lte=now,
        )

    def lapsed(self, now: datetime) -> ReminderDeliveryQuerySet:
        """Claimed by a worker that stopped before it could say what happened."""
        return self.filter(status=DeliveryStatus.SENDING, claimed_at__lt=now - LEASE)

    def failed(self) -> ReminderDeliveryQuerySet:
        return self.filter(status__in=FAILED_STATUSES)


class ReminderDelivery(models.Model):
    """One reminder to one person about one thing (``subject``) for one date.

    ``scheduled_for`` is the date of the occasion as it was when the reminder was
    planned (the session's date, the digest's Monday). If the session moves, the
    row no longer matches and is skipped; the planner plans a new one.
    """

    kind = models.CharField(_("kind"), max_length=32, choices=ReminderKind)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    subject = models.CharField(_("about"), max_length=64)
    scheduled_for = models.DateField(_("for the date"))
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    send_after = models.DateTimeField(_("send from"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DeliveryStatus,
        default=DeliveryStatus.PLANNED,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("planned at"), default=timezone.now)

    objects = ReminderDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-send_after", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient", "subject", "scheduled_for"],
                name="one_reminder_per_occasion",
            ),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | Q(status=DeliveryStatus.SENT),
                name="reminder_sent_at_only_when_sent",
            ),
        ]
        indexes = [models.Index(fields=["status", "send_after"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient} ({self.scheduled_for})"

    def retry_at(self, now: datetime) -> datetime:
        """Exponential backoff after a failed attempt: 5, 10, 20, 40 … minutes."""
        return now + timedelta(minutes=5 * 2 ** max(self.attempts - 1, 0))


class ReminderClock(models.Model):
    """When the self-rescheduling planner runs next (one row per ``name``)."""

    name = models.CharField(max_length=32, unique=True)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder clock")
        verbose_name_plural = _("reminder clocks")

    def __str__(self) -> str:
        return f"{self.name}: {self.next_run_at:%Y-%m-%d %H:%M}"


def local_datetime(day: date, hour: int, minute: int = 0) -> datetime:
    """An aware datetime at ``hour:minute`` on ``day`` in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))

"""Retention's background work: a daily round on the database queue (the same
self-rescheduling clock as the reminders), and the notice e-mail."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from leerkring.communities.models import Membership
from leerkring.core.background import REPORT, RUN_AGAIN, if_worker_dies
from leerkring.reports.tasks import advance_clock, enqueue_next, ensure_scheduled

from . import actions
from .models import PeriodRetention

CLOCK = "retention"
INTERVAL = timedelta(hours=24)


@if_worker_dies(RUN_AGAIN)
@task()
def retention_round() -> dict[str, int]:
    """Plan, tell and remove; keep exactly one next round in the queue."""
    now = timezone.now()
    next_run = advance_clock(now, name=CLOCK, interval=INTERVAL)
    if next_run is not None:
        enqueue_next(retention_round, next_run)
    return dict(actions.run(now))


def schedule() -> bool:
    """Start the daily chain (idempotent): ``manage.py apply_retention --schedule``."""
    return ensure_scheduled(round_task=retention_round, name=CLOCK, interval=INTERVAL)


@if_worker_dies(REPORT)
@task()
def send_retention_notice(retention_id: int) -> None:
    """Tell everyone who was a member of the period's community, in their own
    language, what goes when, and where to download it first."""
    retention = PeriodRetention.objects.select_related("period__community").get(
        pk=retention_id
    )
    period = retention.period
    members = (
        Membership.objects.filter(
            community_id=period.community_id,
            status__in=[Membership.Status.ACTIVE, Membership.Status.LEFT],
        )
        .select_related("user")
        .order_by("user_id")
        .distinct()
    )
    context = {
        "period": period,
        "community": period.community,
        "removal_on": retention.removal_on,
        "export_url": settings.SITE_URL.rstrip("/") + reverse("accounts:profile"),
    }
    for user in {m.user for m in members if m.user.is_active}:
        with translation.override(user.preferred_language):
            subject = render_to_string("retention/email/notice_subject.txt", context)
            text = render_to_string(
                "retention/email/notice.txt", {**context, "user": user}
            )
        send_mail(" ".join(subject.split()), text, None, [user.email])

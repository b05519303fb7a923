"""Applying retention: plan which periods' private content goes when, tell the
members, then remove it — each app removes its own kind (``<app>/retention.py``
with ``expire(period) -> {kind: count}``) — and log what was done."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from leerkring.communities.models import LearningPeriod, Organisation
from leerkring.core import audit
from leerkring.core.concurrency import claim
from leerkring.core.discovery import app_modules
from leerkring.core.models import AuditAction

from .models import PeriodRetention, RetentionPolicy, add_months, months_for


def notice() -> timedelta:
    return timedelta(days=settings.RETENTION_NOTICE_DAYS)


def plan(today: date) -> int:
    """A log row for every period whose removal day is within the notice time.
    Idempotent: a period has at most one row."""
    rows = []
    for organisation in Organisation.objects.select_related("retention_policy"):
        months = months_for(organisation)
        ended_by = add_months(today + notice(), -months)
        periods = LearningPeriod.objects.filter(
            community__organisation=organisation,
            end_date__lte=ended_by,
            retention__isnull=True,
        )
        rows += [
            PeriodRetention(period=p, removal_on=add_months(p.end_date, months))
            for p in periods
        ]
    PeriodRetention.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def notify(now: datetime) -> int:
    """Tell the members of each planned period, once, by e-mail (the to-do list
    shows it too: ``retention.todo``)."""
    from .tasks import send_retention_notice

    due = list(
        PeriodRetention.objects.filter(notified_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    with transaction.atomic():
        PeriodRetention.objects.filter(pk__in=due).update(notified_at=now)
        for pk in due:
            transaction.on_commit(partial(send_retention_notice.enqueue, pk))
    return len(due)


def expire_due(now: datetime) -> Counter[str]:
    """Remove the private content of every period whose day has come and whose
    members were told at least the notice time ago."""
    removed: Counter[str] = Counter()
    due = PeriodRetention.objects.filter(
        expired_at__isnull=True,
        removal_on__lte=timezone.localdate(now),
        notified_at__lte=now - notice(),
    ).values_list("pk", flat=True)
    for pk in list(due):
        removed.update(expire_period(retention_id=pk, now=now))
    return removed


@transaction.atomic
def expire_period(*, retention_id: int, now: datetime) -> dict[str, int]:
    """Every app removes or anonymises its private content of the period; the
    counts (never the content) go to the log and the audit trail."""
    retention = (
        PeriodRetention.objects.select_for_update()
        .select_related("period__community")
        .get(pk=retention_id)
    )
    if retention.expired_at is not None:
        return {}  # another worker was first
    removed: dict[str, int] = {}
    for _config, module in app_modules("retention"):
        removed.update(module.expire(retention.period))
    retention.expired_at, retention.removed = now, removed
    retention.save(update_fields=["expired_at", "removed"])
    audit.record(
        AuditAction.RETENTION_APPLIED,
        target=retention.period,
        community=retention.period.community_id,
        removed=removed,
    )
    return removed


def run(now: datetime | None = None) -> Counter[str]:
    """One retention round: plan, tell, remove."""
    now = now or timezone.now()
    done: Counter[str] = Counter()
    done["planned"] = plan(timezone.localdate(now))
    done["notified"] = notify(now)
    done.update(expire_due(now))
    return done


@transaction.atomic
def set_policy(
    *, organisation: Organisation, months: int, version: int, actor: Any
) -> RetentionPolicy:
    """Change how long the organisation keeps private content. Planned removals
    move with it; nobody loses content sooner than the notice time after being
    told (``expire_due`` waits for that)."""
    policy, created = RetentionPolicy.objects.get_or_create(
        organisation=organisation,
        defaults={"months": months, "changed_by": actor},
    )
    if not created:
        claim(policy, version)
        policy.months, policy.changed_by = months, actor
        policy.save(update_fields=["months", "changed_by", "changed_at", "version"])
    pending = list(
        PeriodRetention.objects.filter(
            period__community__organisation=organisation, expired_at__isnull=True
        ).select_related("period")
    )
    for retention in pending:
        retention.removal_on = add_months(retention.period.end_date, months)
    PeriodRetention.objects.bulk_update(pending, ["removal_on"])
    audit.record(
        AuditAction.RETENTION_CHANGED, actor=actor, target=organisation, months=months
    )
    return policy

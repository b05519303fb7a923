"""To-do items: "your private content of this period goes on …; download it first"."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from .models import PeriodRetention


def todos(user: Any, memberships: Sequence[Any]) -> Iterator[Any]:
    from leerkring.core.todo import Todo

    coming = PeriodRetention.objects.filter(
        period__community_id__in=[m.community_id for m in memberships],
        notified_at__isnull=False,
        expired_at__isnull=True,
    ).select_related("period__community")
    for retention in coming:
        period = retention.period
        yield Todo(
            period.community_id,
            _(
                "Private content of %(period)s in %(community)s is removed on "
                "%(day)s: download your data first if you want to keep it"
            )
            % {
                "period": period,
                "community": period.community,
                "day": formats.date_format(retention.removes_on, "j F Y"),
            },
            reverse("accounts:profile"),
            due=retention.removes_on,
        )

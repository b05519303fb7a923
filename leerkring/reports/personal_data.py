"""Calendar address, reminder choices and reminders: exported, then deleted."""

from __future__ import annotations

from typing import Any

from .forms import KINDS
from .models import CalendarFeed, ReminderDelivery, ReminderPreference


def export(user: Any) -> dict[str, Any]:
    feed = CalendarFeed.objects.filter(user=user).first()
    preference = ReminderPreference.objects.filter(user=user).first()
    deliveries = ReminderDelivery.objects.filter(recipient=user).select_related(
        "community"
    )
    return {
        "calendar_address_created_at": feed.created_at.isoformat() if feed else None,
        "reminder_preferences": {
            kind: preference.wants(kind) if preference else True for kind in KINDS
        },
        "reminders": [
            {
                "kind": d.kind,
                "community": d.community.name,
                "for_date": d.scheduled_for.isoformat(),
                "status": d.status,
                "sent_at": d.sent_at.isoformat() if d.sent_at else None,
            }
            for d in deliveries.order_by("send_after")
        ],
    }


def erase(user: Any) -> None:
    """The calendar address stops working; no reminder is planned or kept."""
    CalendarFeed.objects.filter(user=user).delete()
    ReminderPreference.objects.filter(user=user).delete()
    ReminderDelivery.objects.filter(recipient=user).delete()

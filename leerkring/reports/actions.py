"""Calendar and reminder workflows: renewing the secret address, saving choices."""

from __future__ import annotations

from django.db import transaction

from leerkring.accounts.models import User

from .forms import KINDS, ReminderPreferenceForm
from .models import CalendarFeed, DeliveryStatus, ReminderDelivery, ReminderPreference


@transaction.atomic
def renew_calendar_feed(*, user: User) -> CalendarFeed:
    """Give the person a new secret calendar address; the old one stops working."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    feed = feed or CalendarFeed(user=user)
    feed.renew()
    feed.save()
    return feed


@transaction.atomic
def save_reminder_preferences(
    *, user: User, form: ReminderPreferenceForm
) -> ReminderPreference:
    """Save the choices; planned reminders of a kind switched off are dropped."""
    preference = form.save(commit=False)
    preference.user = user
    preference.save()
    off = [kind for kind in KINDS if not getattr(preference, kind)]
    ReminderDelivery.objects.filter(
        recipient=user, kind__in=off, status=DeliveryStatus.PLANNED
    ).update(status=DeliveryStatus.SKIPPED, note="switched off")
    return preference

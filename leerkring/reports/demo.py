"""The demo's part in reminders: two people chose fewer e-mails, and the planner runs.

Every other demo member keeps the defaults (all reminders on). The background
planner is queued so that ``make run``'s worker starts sending at once.
"""

from __future__ import annotations

from django.db import transaction

from leerkring.home.demo import Demo

from .models import ReminderPreference
from .tasks import ensure_scheduled


def populate(demo: Demo) -> None:
    # Joris reads everything in the app and wants no check-in e-mails;
    # Ruben (the second coach) reads the digest of his colleague's community.
    ReminderPreference.objects.create(user=demo.participants[-1], check_in_opened=False)
    ReminderPreference.objects.create(user=demo.coaches[1], coach_digest=False)
    transaction.on_commit(ensure_scheduled)

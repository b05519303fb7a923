"""Reminders: planned once, sent at most once, skipped when outdated, retried."""

from __future__ import annotations

import ast
import datetime
import threading
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.template.loader import get_template
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerkring.assignments.tests.factories import IntegrationAssignmentFactory
from leerkring.core import personal_data
from leerkring.core.discovery import app_modules
from leerkring.intake.tests.factories import IntakeFactory
from leerkring.pulses.models import Moment
from leerkring.pulses.tests.factories import PulseWindowFactory
from leerkring.reports import reminders
from leerkring.reports.models import (
    LEASE,
    MAX_ATTEMPTS,
    DeliveryStatus,
    ReminderDelivery,
    ReminderKind,
    local_datetime,
)
from leerkring.reports.tests.factories import (
    ReminderPreferenceFactory,
    community_with_session,
    digest_for,
    mails_to,
)
from leerkring.tracks.models import Sharing

REFUSING = {"default": {"BACKEND": "leerkring.reports.tests.mailers.RefusingBackend"}}
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return local_datetime(day, hour)


def _session_mails() -> list[Any]:
    """The e-mails about a session (the coaches' weekly digest left out)."""
    return [
        m for m in mail.outbox if "Bijeenkomst" in m.subject or "Session" in m.subject
    ]


def _sessions() -> Any:
    return ReminderDelivery.objects.filter(kind=ReminderKind.SESSION_SOON)


@pytest.mark.django_db
def test_a_session_in_two_days_reminds_every_member_once() -> None:
    """Participants and coaches get it, with the agenda and calendar link."""
    _community, meeting, people, coaches = community_with_session(in_days=2)
    now = _at(timezone.localdate())
    reminders.run(now)
    reminders.run(now)
    assert len(_session_mails()) == len(people) + len(coaches)
    message = _session_mails()[0]
    assert reverse("reports:meeting-ics", args=[meeting.pk]) in message.body
    html = message.alternatives[0].content
    assert "<html" in html
    assert meeting.period.community.name in html


@pytest.mark.django_db
def test_planning_twice_plans_nothing_new() -> None:
    community_with_session(in_days=3)
    now = _at(timezone.localdate())
    first = reminders.plan(now)
    assert first >= 4  # three participants and a coach (and on Mondays a digest)
    assert reminders.plan(now) == 0
    assert _sessions().count() == 4


@pytest.mark.django_db
def test_nothing_is_sent_before_its_time() -> None:
    """Planned three days ahead, sent from 08:00 two days before the session."""
    _community, meeting, people, coaches = community_with_session(in_days=3)
    reminders.run(_at(timezone.localdate()))
    assert _session_mails() == []
    reminders.run(_at(meeting.date - datetime.timedelta(days=2), 8))
    assert len(_session_mails()) == len(people) + len(coaches)


@pytest.mark.django_db
def test_a_job_that_runs_twice_sends_each_reminder_once() -> None:
    """The second run finds every delivery already claimed or sent."""
    community_with_session(in_days=2)
    now = _at(timezone.localdate())
    reminders.plan(now)
    first = reminders.send_due(now)
    second = reminders.send_due(now)
    assert first[DeliveryStatus.SENT] == ReminderDelivery.objects.count()
    assert not second
    assert len(_session_mails()) == 4
    assert set(_sessions().values_list("attempts", flat=True)) == {1}


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_reminder_once() -> None:
    """Two threads (two database connections) race for the same deliveries."""
    community_with_session(in_days=2, participants=8)
    now = _at(timezone.localdate())
    reminders.plan(now)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            reminders.send_due(now)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(_session_mails()) == 9
    assert len({m.to[0] for m in _session_mails()}) == 9
    assert _sessions().filter(status=DeliveryStatus.SENT).count() == 9


@pytest.mark.django_db
def test_a_worker_that_died_mid_send_never_causes_a_second_mail() -> None:
    """Claimed but never marked: not sent again, but shown to the admins."""
    community_with_session(in_days=2, participants=1, coaches=0)
    now = _at(timezone.localdate())
    reminders.plan(now)
    delivery = ReminderDelivery.objects.get()
    assert reminders.claim(delivery.pk, now)  # ... and the worker dies here
    assert not reminders.send_due(now + LEASE - datetime.timedelta(minutes=1))
    later = now + LEASE + datetime.timedelta(minutes=1)
    assert reminders.send_due(later)[DeliveryStatus.SENT] == 0
    assert (
        reminders.send_due(later + datetime.timedelta(hours=1))[DeliveryStatus.SENT]
        == 0
    )
    assert _session_mails() == []
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.GAVE_UP
    assert "not known" in delivery.last_error
    assert ReminderDelivery.objects.failed().get() == delivery


@pytest.mark.django_db
def test_a_moved_session_skips_the_old_reminder_and_plans_a_new_one() -> None:
    _community, meeting, _people, _coaches = community_with_session(in_days=3)
    today = timezone.localdate()
    reminders.plan(_at(today))
    assert _sessions().filter(status=DeliveryStatus.PLANNED).count() == 4
    old_date = meeting.date
    meeting.date = old_date + datetime.timedelta(days=7)
    meeting.save()
    outcome = reminders.run(_at(old_date - datetime.timedelta(days=2), 8))
    assert _session_mails() == []
    assert outcome[DeliveryStatus.SKIPPED] == 4
    assert set(
        _sessions().filter(scheduled_for=old_date).values_list("note", flat=True)
    ) == {reminders.MOVED}
    reminders.run(_at(meeting.date - datetime.timedelta(days=2), 8))
    assert len(_session_mails()) == 4
    assert (
        _sessions()
        .filter(scheduled_for=meeting.date, status=DeliveryStatus.SENT)
        .count()
        == 4
    )


@pytest.mark.django_db
def test_a_session_moved_away_and_back_is_reminded_again() -> None:
    _community, meeting, _people, _coaches = community_with_session(in_days=2)
    now = _at(timezone.localdate())
    reminders.plan(now)
    original = meeting.date
    meeting.date = original + datetime.timedelta(days=14)
    meeting.save()
    reminders.send_due(now)
    meeting.date = original
    meeting.save()
    reminders.run(now + datetime.timedelta(minutes=10))
    assert len(_session_mails()) == 4


@pytest.mark.django_db
def test_a_refusing_mail_server_is_recorded_and_retried_with_backoff() -> None:
    """Nothing is lost: the error and attempts are kept, the retry succeeds."""
    community_with_session(in_days=2, participants=1, coaches=0)
    now = _at(timezone.localdate())
    with override_settings(MAILERS=REFUSING):
        outcome = reminders.run(now)
        assert outcome[DeliveryStatus.FAILED] == 1
        delivery = ReminderDelivery.objects.get()
        assert delivery.status == DeliveryStatus.FAILED
        assert delivery.attempts == 1
        assert "SMTPRecipientsRefused" in delivery.last_error
        assert delivery.send_after == now + datetime.timedelta(minutes=5)
        assert not reminders.send_due(now + datetime.timedelta(minutes=4))
        reminders.send_due(now + datetime.timedelta(minutes=5))
        delivery.refresh_from_db()
        assert delivery.attempts == 2
        assert delivery.send_after == now + datetime.timedelta(minutes=15)
    with override_settings(MAILERS=LOCMEM):
        mail.outbox = []
        reminders.send_due(now + datetime.timedelta(minutes=15))
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.last_error == ""
    assert len(_session_mails()) == 1


@pytest.mark.django_db
def test_a_mail_server_that_keeps_refusing_is_given_up_and_visible() -> None:
    community_with_session(in_days=2, participants=1, coaches=0)
    now = _at(timezone.localdate())
    with override_settings(MAILERS=REFUSING):
        reminders.plan(now)
        for _ in range(MAX_ATTEMPTS):
            delivery = ReminderDelivery.objects.get()
            reminders.send_due(max(now, delivery.send_after))
    delivery = ReminderDelivery.objects.get()
    assert delivery.status == DeliveryStatus.GAVE_UP
    assert delivery.attempts == MAX_ATTEMPTS
    assert list(ReminderDelivery.objects.failed()) == [delivery]


@pytest.mark.django_db
def test_the_admin_lists_failed_reminders(admin_client: Any) -> None:
    community_with_session(in_days=2, participants=1, coaches=0)
    with override_settings(MAILERS=REFUSING):
        reminders.run(_at(timezone.localdate()))
    url = reverse("admin:reports_reminderdelivery_changelist")
    response = admin_client.get(url, {"failed": "yes"})
    assert response.status_code == 200
    assert "SMTPRecipientsRefused" in response.content.decode()


@pytest.mark.django_db
def test_preferences_are_respected() -> None:
    """Switched off before: never planned. Switched off after: skipped."""
    _community, _meeting, people, coaches = community_with_session(in_days=2)
    ReminderPreferenceFactory(user=people[0], session_soon=False)
    now = _at(timezone.localdate())
    reminders.plan(now)
    assert not ReminderDelivery.objects.filter(recipient=people[0]).exists()
    ReminderPreferenceFactory(user=people[1], session_soon=False)
    reminders.send_due(now)
    sent_to = {m.to[0] for m in _session_mails()}
    assert people[0].email not in sent_to
    assert people[1].email not in sent_to
    assert len(sent_to) == len(people) + len(coaches) - 2


@pytest.mark.django_db
def test_the_preferences_form_switches_planned_reminders_off(client: Any) -> None:
    _community, _meeting, people, _coaches = community_with_session(in_days=3)
    reminders.plan(_at(timezone.localdate()))
    client.force_login(people[0])
    response = client.post(reverse("reports:calendar"), {"assignment_due": "on"})
    assert response.status_code == 302
    assert _sessions().get(recipient=people[0]).status == (DeliveryStatus.SKIPPED)


@pytest.mark.django_db
def test_a_deleted_member_gets_nothing() -> None:
    _community, _meeting, people, _coaches = community_with_session(in_days=2)
    now = _at(timezone.localdate())
    reminders.plan(now)
    personal_data.erase(people[0])
    reminders.send_due(now)
    assert people[0].email not in {m.to[0] for m in _session_mails()}
    assert len(_session_mails()) == 3
    reminders.plan(now + datetime.timedelta(hours=1))
    assert not ReminderDelivery.objects.filter(
        recipient=people[0], status=DeliveryStatus.PLANNED
    ).exists()


@pytest.mark.django_db
def test_reminders_speak_the_persons_language() -> None:
    _community, _meeting, people, _coaches = community_with_session(in_days=2)
    people[0].preferred_language = "en"
    people[0].save()
    reminders.run(_at(timezone.localdate()))
    english = next(m for m in _session_mails() if m.to == [people[0].email])
    dutch = next(m for m in _session_mails() if m.to == [people[1].email])
    assert english.subject.startswith("Session 1 of")
    assert dutch.subject.startswith("Bijeenkomst 1 van")


@pytest.mark.django_db
def test_coaches_get_one_digest_a_week() -> None:
    """From a Monday, seven days of rounds send each coach exactly one digest."""
    community, _meeting, _people, coaches = community_with_session(in_days=30)
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday() - 7)
    for day in range(7):
        for hour in (7, 9, 18):
            reminders.run(_at(monday + datetime.timedelta(days=day), hour))
    digests = ReminderDelivery.objects.filter(
        kind=ReminderKind.COACH_DIGEST, community=community
    )
    assert [(d.recipient_id, d.scheduled_for, d.status) for d in digests] == [
        (coaches[0].pk, monday, DeliveryStatus.SENT)
    ]
    digest = next(m for m in mail.outbox if m.to == [coaches[0].email])
    assert "1 van 1" in digest.body or "0 van 1" in digest.body


def _planning_queries(communities: int, participants: int) -> int:
    """Queries of one planning round on a Monday that has every kind to plan:
    per community a session tomorrow (with a group assignment due at it), an
    open check-in and a coach; one participant switched session reminders off
    and one session reminder was skipped for a move and is planned again."""
    today = timezone.localdate()
    monday = today + datetime.timedelta(days=7 - today.weekday())
    now = _at(monday)
    for _ in range(communities):
        _community, meeting, people, _coaches = community_with_session(
            in_days=(monday - today).days + 1, participants=participants
        )
        IntegrationAssignmentFactory(
            meeting=meeting,
            period=meeting.period,
            due_meeting=meeting,
            due_date=meeting.date,
            owner=None,
            sharing=Sharing.COMMUNITY,
        )
        PulseWindowFactory(
            meeting=meeting,
            moment=Moment.CHECK_IN,
            opened_at=now - datetime.timedelta(hours=1),
        )
        ReminderPreferenceFactory(user=people[0], session_soon=False)
    reminders.plan(now)
    ReminderDelivery.objects.filter(kind=ReminderKind.SESSION_SOON).update(
        status=DeliveryStatus.SKIPPED, note=reminders.MOVED
    )
    ReminderDelivery.objects.exclude(kind=ReminderKind.SESSION_SOON).delete()
    with CaptureQueriesContext(connection) as queries:
        planned = reminders.plan(now)
    assert set(ReminderDelivery.objects.values_list("kind", flat=True)) == set(
        ReminderKind.values
    )
    assert not _sessions().filter(status=DeliveryStatus.SKIPPED).exists()
    assert (
        planned
        == ReminderDelivery.objects.exclude(kind=ReminderKind.SESSION_SOON).count()
    )
    return len(queries)


@pytest.mark.django_db
def test_planning_costs_the_same_queries_for_one_community_and_many() -> None:
    """One preference query per kind, not per occasion or person."""
    assert _planning_queries(1, 2) == _planning_queries(4, 8)


def test_every_kind_is_registered_once_by_an_app_with_its_templates() -> None:
    registered = reminders.kinds()
    assert list(registered) == [
        ReminderKind.SESSION_SOON,
        ReminderKind.ASSIGNMENT_DUE,
        ReminderKind.CHECK_IN_OPENED,
        ReminderKind.COACH_DIGEST,
    ]
    for kind in registered:
        for suffix in ("_subject.txt", ".txt", ".html"):
            get_template(f"reports/email/{kind}{suffix}")


def test_the_machinery_reaches_into_no_app_that_registers_reminders() -> None:
    """The apps import ``reports.reminders``; it finds them only at run time (no
    import cycle, as there was with ``pulses``)."""
    tree = ast.parse(Path(reminders.__file__).read_text())
    imported = {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    owners = {
        config.name
        for config, module in app_modules("reminders")
        if module is not reminders
    }
    assert owners == {
        "leerkring.meetings",
        "leerkring.intake",
        "leerkring.assignments",
        "leerkring.pulses",
    }
    reached = {
        name for name in imported for owner in owners if name.startswith(owner + ".")
    }
    assert reached <= {"leerkring.meetings.models"}  # the digest's next session


def _digest_queries(participants: int) -> int:
    community, _meeting, people, coaches = community_with_session(
        participants=participants
    )
    IntakeFactory(membership=people[0].memberships.get())
    delivery = digest_for(coaches[0], community)
    with CaptureQueriesContext(connection) as queries:
        reminders.deliver(delivery.pk)
    assert "zonder intake" in mails_to(coaches[0])[-1].body
    return len(queries)


@pytest.mark.django_db
def test_the_digest_costs_the_same_queries_for_a_small_and_a_full_group() -> None:
    assert _digest_queries(2) == _digest_queries(12)

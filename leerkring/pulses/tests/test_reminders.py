"""Reminders about check-ins: when one opens, and the week's in the digest."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from leerkring.pulses.actions import close_window, open_window, record_pulse
from leerkring.pulses.models import Moment
from leerkring.reports import reminders
from leerkring.reports.models import DeliveryStatus, ReminderKind
from leerkring.reports.tests.factories import (
    ReminderPreferenceFactory,
    community_with_session,
    deliveries,
    digest_for,
    mails_to,
)

pytestmark = pytest.mark.django_db


def test_an_opened_check_in_reminds_participants_who_did_not_answer() -> None:
    _community, meeting, people, coaches = community_with_session(in_days=0)
    ReminderPreferenceFactory(user=people[2], check_in_opened=False)
    open_window(meeting=meeting, moment=Moment.CHECK_IN, actor=coaches[0])
    record_pulse(
        meeting=meeting,
        moment=Moment.CHECK_IN,
        user=people[1],
        energy=4,
        safety=4,
        collective_tension=3,
        personal_tension=3,
        word="zin",
    )
    reminders.run(timezone.now())
    assert set(
        deliveries(ReminderKind.CHECK_IN_OPENED).values_list("recipient", flat=True)
    ) == {people[0].pk}
    assert any("check-in" in m.subject for m in mails_to(people[0]))


def _check_in_mails() -> list[Any]:
    return [m for m in mail.outbox if "check-in" in m.subject]


def test_opening_the_check_in_reminds_participants_without_waiting_for_a_round(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Once the opening is committed a reminder round runs: the participants (not
    the coach) hear at once; nobody's reminder waits for the next round."""
    _community, meeting, people, coaches = community_with_session(in_days=0)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        open_window(meeting=meeting, moment=Moment.CHECK_IN, actor=coaches[0])
    assert len(callbacks) == 1
    assert sorted(m.to[0] for m in _check_in_mails()) == sorted(
        person.email for person in people
    )


def test_the_reminder_round_at_opening_never_sends_a_reminder_twice(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Neither the next regular round nor closing and reopening (another round)
    sends the same check-in reminder again: every delivery is claimed once."""
    _community, meeting, people, coaches = community_with_session(in_days=0)
    with django_capture_on_commit_callbacks(execute=True):
        open_window(meeting=meeting, moment=Moment.CHECK_IN, actor=coaches[0])
    reminders.run(timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        close_window(meeting=meeting, moment=Moment.CHECK_IN)
        open_window(meeting=meeting, moment=Moment.CHECK_IN, actor=coaches[0])
    assert len(_check_in_mails()) == len(people)
    assert set(
        deliveries(ReminderKind.CHECK_IN_OPENED).values_list("status", flat=True)
    ) == {DeliveryStatus.SENT}


def test_opening_the_check_out_queues_no_round(
    django_capture_on_commit_callbacks: Any,
) -> None:
    _community, meeting, _people, coaches = community_with_session(in_days=0)
    with django_capture_on_commit_callbacks() as callbacks:
        open_window(meeting=meeting, moment=Moment.CHECK_OUT, actor=coaches[0])
    assert callbacks == []


def test_a_closed_check_in_sends_nothing_any_more() -> None:
    _community, meeting, _people, coaches = community_with_session(in_days=0)
    open_window(meeting=meeting, moment=Moment.CHECK_IN, actor=coaches[0])
    now = timezone.now()
    reminders.plan(now)
    close_window(meeting=meeting, moment=Moment.CHECK_IN)
    reminders.send_due(now)
    statuses = set(
        deliveries(ReminderKind.CHECK_IN_OPENED).values_list("note", flat=True)
    )
    assert statuses == {"check-in closed"}
    assert not any("check-in" in m.subject for m in mail.outbox)


def _answer(meeting: Any, people: list[Any], energies: list[int]) -> None:
    for person, energy in zip(people, energies, strict=False):
        record_pulse(
            meeting=meeting,
            moment=Moment.CHECK_IN,
            user=person,
            energy=energy,
            safety=4,
            collective_tension=3,
            personal_tension=3,
            word="",
        )


@pytest.mark.parametrize(("answers", "shows_mean"), [(2, False), (3, True)])
def test_the_digest_shows_group_means_only_from_three_answers(
    answers: int, shows_mean: bool
) -> None:
    """Counts always; the mean energy and safety only with at least 3 answers."""
    _community, meeting, people, coaches = community_with_session(
        in_days=0, participants=4
    )
    open_window(meeting=meeting, moment=Moment.CHECK_IN, actor=coaches[0])
    _answer(meeting, people, [5, 3, 4][:answers])
    delivery = digest_for(coaches[0], meeting.period.community)
    reminders.deliver(delivery.pk, timezone.now() + datetime.timedelta(seconds=1))
    digest = mails_to(coaches[0])[0]
    assert f"{answers} antwoorden" in digest.body
    assert ("gemiddelde energie 4,0" in digest.body) is shows_mean

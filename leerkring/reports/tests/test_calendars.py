"""The iCalendar feed and the per-session file: valid, stable, private, updating."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from leerkring.communities.models import Membership
from leerkring.meetings.models import PartOfDay
from leerkring.reports.actions import renew_calendar_feed
from leerkring.reports.models import CalendarFeed
from leerkring.reports.tests.factories import community_with_session

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _parse(body: bytes) -> icalendar.Calendar:
    calendar = icalendar.Calendar.from_ical(body)
    calendar.validate()
    return calendar


def _events(calendar: icalendar.Calendar) -> list[Any]:
    return list(calendar.walk("VEVENT"))


def _fetch(client: Any, token: str) -> icalendar.Calendar:
    response = client.get(reverse("reports:feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return _parse(response.content)


def test_the_feed_lists_every_session_of_the_persons_communities(
    client: Any, demo_community: Any
) -> None:
    """All eight demo sessions, each a complete VEVENT in Amsterdam time."""
    token = renew_calendar_feed(user=demo_community.participant).token
    calendar = _fetch(client, token)
    events = _events(calendar)
    assert len(events) == 8
    assert calendar["PRODID"]
    assert calendar["VERSION"] == "2.0"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE"):
            assert required in event, required
    current = demo_community.current_meeting
    event = next(e for e in events if "4" in str(e["SUMMARY"]))
    start = event.decoded("DTSTART")
    assert start == datetime.datetime.combine(
        current.date, datetime.time(13, 30), tzinfo=AMSTERDAM
    )
    assert event.decoded("DTEND") - start == datetime.timedelta(minutes=210)
    assert str(event["LOCATION"]) == "Oostland Campus, lokaal B2.14"
    assert "Samen beter beoordelen" in str(event["SUMMARY"])
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"


def test_uids_are_stable_and_sequence_stays_when_nothing_changes(
    client: Any, demo_community: Any
) -> None:
    token = renew_calendar_feed(user=demo_community.participant).token
    first = {str(e["UID"]): int(e["SEQUENCE"]) for e in _events(_fetch(client, token))}
    second = {str(e["UID"]): int(e["SEQUENCE"]) for e in _events(_fetch(client, token))}
    assert first == second
    assert len(set(first)) == 8


def test_a_moved_session_gets_a_higher_sequence_and_new_time(
    client: Any, demo_community: Any
) -> None:
    """Calendar apps replace an event with the same UID and a higher SEQUENCE."""
    token = renew_calendar_feed(user=demo_community.participant).token
    meeting = demo_community.meetings[5]
    before = {str(e["UID"]): e for e in _events(_fetch(client, token))}
    meeting.date += datetime.timedelta(days=7)
    meeting.part_of_day = PartOfDay.MORNING
    meeting.save()
    after = {str(e["UID"]): e for e in _events(_fetch(client, token))}
    assert before.keys() == after.keys()
    moved = [uid for uid in after if after[uid]["SEQUENCE"] != before[uid]["SEQUENCE"]]
    assert len(moved) == 1
    event = after[moved[0]]
    assert int(event["SEQUENCE"]) == int(before[moved[0]]["SEQUENCE"]) + 1
    assert event.decoded("LAST-MODIFIED") >= before[moved[0]].decoded("LAST-MODIFIED")
    assert event.decoded("DTSTART").date() == meeting.date
    assert event.decoded("DTSTART").time() == datetime.time(9, 0)
    # Fetching again (other readers, other languages) does not bump it again.
    again = {str(e["UID"]): int(e["SEQUENCE"]) for e in _events(_fetch(client, token))}
    assert again[moved[0]] == int(event["SEQUENCE"])


def test_the_feed_is_in_the_persons_language(client: Any, demo_community: Any) -> None:
    person = demo_community.participant
    person.preferred_language = "en"
    person.save()
    token = renew_calendar_feed(user=person).token
    summaries = [str(e["SUMMARY"]) for e in _events(_fetch(client, token))]
    assert summaries[0].startswith("Session 1")


def test_a_reset_revokes_the_old_address(client: Any, demo_community: Any) -> None:
    """The old token is not found after 'make a new address'; the new one works."""
    person = demo_community.participant
    old = renew_calendar_feed(user=person).token
    client.force_login(person)
    response = client.post(reverse("reports:calendar-reset"))
    assert response.status_code == 302
    client.logout()
    assert client.get(reverse("reports:feed", args=[old])).status_code == 404
    page_token = CalendarFeed.objects.get(user=person).token
    assert page_token != old
    assert client.get(reverse("reports:feed", args=[page_token])).status_code == 200


def test_the_feed_needs_no_session_cookie_and_tells_nothing_to_guessers(
    client: Any, demo_community: Any
) -> None:
    renew_calendar_feed(user=demo_community.participant)
    for token in ("nope", "0" * 40, "x" * 64):
        assert client.get(reverse("reports:feed", args=[token])).status_code == 404


def test_a_deleted_or_departed_person_has_no_feed(
    client: Any, demo_community: Any
) -> None:
    person = demo_community.participants[1]
    token = renew_calendar_feed(user=person).token
    Membership.objects.filter(user=person).update(status=Membership.Status.LEFT)
    assert _events(_fetch(client, token)) == []
    person.is_active = False
    person.save()
    assert client.get(reverse("reports:feed", args=[token])).status_code == 404


def test_the_page_shows_the_address_only_to_its_owner(
    client: Any, demo_community: Any
) -> None:
    person = demo_community.participant
    token = renew_calendar_feed(user=person).token
    client.force_login(person)
    assert token in client.get(reverse("reports:calendar")).content.decode()
    client.force_login(demo_community.coach)
    assert token not in client.get(reverse("reports:calendar")).content.decode()


def test_one_session_downloads_with_the_same_uid_as_in_the_feed(
    client: Any, demo_community: Any
) -> None:
    person = demo_community.participant
    token = renew_calendar_feed(user=person).token
    meeting = demo_community.current_meeting
    client.force_login(person)
    response = client.get(reverse("reports:meeting-ics", args=[meeting.pk]))
    single = _events(_parse(response.content))
    assert len(single) == 1
    feed_uids = {str(e["UID"]) for e in _events(_fetch(client, token))}
    assert str(single[0]["UID"]) in feed_uids


def test_a_session_of_another_community_is_not_found(client: Any) -> None:
    _community, meeting, _people, _coaches = community_with_session()
    _other, _m, others, _c = community_with_session()
    client.force_login(others[0])
    response = client.get(reverse("reports:meeting-ics", args=[meeting.pk]))
    assert response.status_code == 404


def test_feed_queries_do_not_grow_with_sessions(
    client: Any, django_assert_max_num_queries: Any, demo_community: Any
) -> None:
    """The feed of one community and of two costs the same number of queries."""
    person = demo_community.participant
    token = renew_calendar_feed(user=person).token
    _fetch(client, token)  # stamps created
    with django_assert_max_num_queries(4):
        _fetch(client, token)
    _community, _meeting, _people, _coaches = community_with_session()
    Membership.objects.create(
        community=_community,
        user=person,
        role=Membership.Role.PARTICIPANT,
        status=Membership.Status.ACTIVE,
    )
    _fetch(client, token)
    with django_assert_max_num_queries(4):
        _fetch(client, token)

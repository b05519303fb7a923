"""iCalendar feeds: a person's sessions, and a single session, built with ``icalendar``.

Each session is one ``VEVENT`` with a UID that never changes (``meeting-<id>@host``),
so a calendar app replaces the event instead of adding a second one. When what
the event says changes (date, part of day, place, agenda), its ``CalendarStamp``
gets a higher ``SEQUENCE`` and a new ``LAST-MODIFIED``; regenerating an unchanged
feed changes neither.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.db.models import F, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from leerkring.communities.models import Membership
from leerkring.meetings.models import Meeting

from . import sessions
from .models import CalendarStamp

PRODID = "-//Leerkring//Community leren//NL"


def uid_for(meeting: Meeting) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "leerkring"
    return f"meeting-{meeting.pk}@{host}"


def meetings_for(user: Any) -> QuerySet[Meeting]:
    """Every session of every community the person is an active member of."""
    communities = Membership.objects.active().filter(user=user).values("community_id")
    return sessions.with_context(
        Meeting.objects.filter(period__community__in=communities)
    ).order_by("date", "number")


def _fingerprint(meeting: Meeting, text: sessions.SessionText) -> str:
    """What the event says, independent of the reader's language."""
    parts = [
        text.starts_at.isoformat(),
        text.ends_at.isoformat(),
        str(meeting.number),
        meeting.period.community.name,
        text.location,
        text.online_url,
        *text.agenda,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def stamps(texts: dict[Meeting, sessions.SessionText]) -> dict[int, CalendarStamp]:
    """The current stamp of each session; a changed session gets the next SEQUENCE.

    The bump is a conditional UPDATE on the old fingerprint, so two feeds fetched
    at once after a change raise the sequence once, not twice.
    """
    fingerprints = {m.pk: _fingerprint(m, text) for m, text in texts.items()}
    found = {
        s.meeting_id: s
        for s in CalendarStamp.objects.filter(meeting_id__in=fingerprints)
    }
    missing = [
        CalendarStamp(meeting_id=pk, fingerprint=fp)
        for pk, fp in fingerprints.items()
        if pk not in found
    ]
    changed = [s for pk, s in found.items() if s.fingerprint != fingerprints[pk]]
    if missing:
        CalendarStamp.objects.bulk_create(missing, ignore_conflicts=True)
    for stamp in changed:
        CalendarStamp.objects.filter(pk=stamp.pk, fingerprint=stamp.fingerprint).update(
            fingerprint=fingerprints[stamp.meeting_id],
            sequence=F("sequence") + 1,
            modified_at=timezone.now(),
        )
    if missing or changed:
        found = {
            s.meeting_id: s
            for s in CalendarStamp.objects.filter(meeting_id__in=fingerprints)
        }
    return found


def _event(
    meeting: Meeting, text: sessions.SessionText, stamp: CalendarStamp
) -> icalendar.Event:
    event = icalendar.Event.new(
        uid=uid_for(meeting),
        stamp=timezone.now(),
        start=timezone.localtime(text.starts_at),
        end=timezone.localtime(text.ends_at),
        summary=text.title,
        description=sessions.description(text),
        location=text.place or None,
        url=text.online_url or text.url,
        sequence=stamp.sequence,
        last_modified=stamp.modified_at,
    )
    return event


def calendar(meetings: Iterable[Meeting], *, name: str) -> bytes:
    """A VCALENDAR with one VEVENT per session, in the active language."""
    meetings = list(meetings)
    texts = {meeting: sessions.describe(meeting) for meeting in meetings}
    current = stamps(texts)
    cal = icalendar.Calendar.new(
        prodid=PRODID,
        name=name,
        language=translation.get_language(),
        refresh_interval=None,
    )
    cal.add("X-WR-TIMEZONE", settings.TIME_ZONE)
    cal.add_component(icalendar.Timezone.from_tzid(settings.TIME_ZONE))
    for meeting, text in texts.items():
        cal.add_component(_event(meeting, text, current[meeting.pk]))
    return cal.to_ical()


def feed(user: Any) -> bytes:
    """The person's own feed: all their sessions, in their language."""
    with translation.override(user.preferred_language):
        return calendar(meetings_for(user), name=_("Leerkring sessions"))


def single(meeting: Meeting, user: Any) -> bytes:
    """One session as an ``.ics`` file (same UID as in the feed)."""
    with translation.override(user.preferred_language):
        return calendar([meeting], name=str(sessions.describe(meeting).title))

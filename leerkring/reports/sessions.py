"""What a session says about itself outside the app (calendar, e-mail, PDF).

One place that turns a ``Meeting`` into a title, a time span, a place and an
agenda summary, in the active language, so the calendar event and the reminder
e-mail always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.meetings.models import Meeting


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@dataclass(frozen=True)
class SessionText:
    title: str
    starts_at: datetime
    ends_at: datetime
    location: str
    online_url: str
    agenda: list[str]
    url: str

    @property
    def place(self) -> str:
        """The location, else the online link, else nothing."""
        return self.location or self.online_url


def with_context(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Everything ``describe`` reads, in a fixed number of queries."""
    return meetings.select_related("period__community")


def agenda_lines(meeting: Meeting) -> list[str]:
    """The agenda summary: the themes, then one line per item in order — of the
    agenda as the coaches published it, never their draft."""
    themes = [
        theme for theme in (meeting.professional_theme, meeting.personal_theme) if theme
    ]
    lines = [" · ".join(themes)] if themes else []
    lines += [
        f"{item.title} ({item.minutes} min)" for item in meeting.published_items()
    ]
    return lines


def describe(meeting: Meeting) -> SessionText:
    community = meeting.period.community
    title = _("Session %(number)s · %(community)s") % {
        "number": meeting.number,
        "community": community.name,
    }
    return SessionText(
        title=title,
        starts_at=meeting.starts_at,
        ends_at=meeting.starts_at + timedelta(minutes=meeting.duration_minutes),
        location=meeting.location,
        online_url=meeting.online_url,
        agenda=agenda_lines(meeting),
        url=absolute(reverse("meetings:meeting-detail", args=[meeting.pk])),
    )


def description(text: SessionText) -> str:
    """The plain-text description of a session (calendar DESCRIPTION)."""
    parts = [text.title]
    if text.agenda:
        parts += ["", _("Agenda:"), *(f"- {line}" for line in text.agenda)]
    if text.online_url:
        parts += ["", _("Online: %(url)s") % {"url": text.online_url}]
    parts += ["", text.url]
    return "\n".join(parts)


def today() -> date:
    return timezone.localdate()

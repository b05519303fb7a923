from django.urls import reverse

from leerkring.core.tests.matrix import (
    ANON,
    APPRENTICE,
    COACH,
    LEAD,
    LOGIN,
    PARTICIPANT,
    Row,
    World,
    allow,
    everyone,
)
from leerkring.reports.actions import renew_calendar_feed


def extend(world: World) -> None:
    participant = world.users[PARTICIPANT]
    revoked = renew_calendar_feed(user=world.users[COACH]).token
    renew_calendar_feed(user=world.users[COACH])
    world.extra["calendar_token"] = renew_calendar_feed(user=participant).token
    world.extra["revoked_calendar_token"] = revoked


def _logged_in(status: int) -> dict[str, int | str]:
    return {**everyone(status), ANON: LOGIN}


ROWS = [
    Row("reports:calendar", lambda w: reverse("reports:calendar"), _logged_in(200)),
    Row(
        "reports:calendar",
        lambda w: reverse("reports:calendar"),
        _logged_in(302),
        method="post",
        data=lambda w: {"session_soon": "on"},
    ),
    Row(
        "reports:calendar-reset",
        lambda w: reverse("reports:calendar-reset"),
        _logged_in(302),
        method="post",
    ),
    Row(
        "reports:calendar-reset",
        lambda w: reverse("reports:calendar-reset"),
        _logged_in(405),
    ),
    # The feed is a secret address: whoever holds it gets it (calendar apps
    # fetch without a session); a revoked or made-up token is not found.
    Row(
        "reports:feed",
        lambda w: reverse("reports:feed", args=[w.calendar_token]),
        everyone(200),
    ),
    Row(
        "reports:feed",
        lambda w: reverse("reports:feed", args=[w.revoked_calendar_token]),
        everyone(404),
    ),
    Row(
        "reports:feed",
        lambda w: reverse("reports:feed", args=["0" * 40]),
        everyone(404),
    ),
    Row(
        "reports:meeting-ics",
        lambda w: reverse("reports:meeting-ics", args=[w.meeting.pk]),
        allow(PARTICIPANT, COACH, APPRENTICE),
    ),
]

MEMBERS_AND_LEAD = (PARTICIPANT, COACH, APPRENTICE, LEAD)
ROWS += [
    Row(
        "reports:documents",
        lambda w: reverse("reports:documents", args=[w.community.pk]),
        allow(*MEMBERS_AND_LEAD),
    ),
    Row(
        "reports:harvest-pdf",
        lambda w: reverse("reports:harvest-pdf", args=[w.community.pk, w.period.pk]),
        allow(*MEMBERS_AND_LEAD),
    ),
    # Another community's period under this community's address: not found.
    Row(
        "reports:harvest-pdf",
        lambda w: reverse(
            "reports:harvest-pdf", args=[w.community.pk, w.other_period.pk]
        ),
        allow(),
    ),
    Row(
        "reports:personal-pdf",
        lambda w: reverse("reports:personal-pdf", args=[w.community.pk, w.period.pk]),
        allow(PARTICIPANT),
    ),
    Row(
        "reports:export",
        lambda w: reverse("reports:export", args=[w.community.pk]),
        allow(COACH, APPRENTICE),
    ),
    Row(
        "reports:export-file",
        lambda w: reverse(
            "reports:export-file",
            args=[w.community.pk, w.period.pk, "check-ins", "csv"],
        ),
        allow(COACH, APPRENTICE),
    ),
    Row(
        "reports:export-file",
        lambda w: reverse(
            "reports:export-file",
            args=[w.community.pk, w.period.pk, "progress", "json"],
        ),
        allow(COACH, APPRENTICE),
    ),
]

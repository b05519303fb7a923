from django.urls import reverse

from leerkring.core.tests.matrix import (
    ANON,
    APPRENTICE,
    COACH,
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

"""Who may use each check-in URL (DESIGN.md §5): individual answers belong to the
person and the coaches; aggregates reach members and the organisation's leads."""

from django.urls import reverse
from django.utils import timezone

from leerkring.core.tests.matrix import (
    APPRENTICE,
    COACH,
    LEAD,
    PARTICIPANT,
    Row,
    World,
    allow,
    posts,
)
from leerkring.pulses.models import Moment, Pulse, PulseWindow

ANSWER = {
    "energy": "4",
    "safety": "4",
    "collective_tension": "3",
    "personal_tension": "2",
    "word": "benieuwd",
}


def extend(world: World) -> None:
    window = PulseWindow.objects.create(
        meeting=world.meeting, moment=Moment.CHECK_IN, opened_at=timezone.now()
    )
    Pulse.objects.create(
        window=window,
        user=world.users[PARTICIPANT],
        energy=2,
        safety=2,
        collective_tension=2,
        personal_tension=2,
        word="geheim",
    )


def _moment_url(name: str) -> object:
    return lambda w: reverse(
        name, args=[w.community.pk, w.meeting.pk, Moment.CHECK_IN.value]
    )


MEMBERS = (PARTICIPANT, COACH, APPRENTICE)
ROWS = [
    Row(
        "pulses:checkin",
        lambda w: reverse("pulses:checkin", args=[w.community.pk]),
        allow(*MEMBERS),
    ),
    Row("pulses:pulse-answer", _moment_url("pulses:pulse-answer"), allow(PARTICIPANT)),
    Row(
        "pulses:pulse-answer",
        _moment_url("pulses:pulse-answer"),
        allow(PARTICIPANT, ok=302),
        method="post",
        data=lambda w: ANSWER,
    ),
    Row(
        "pulses:pulse-answer",
        _moment_url("pulses:pulse-answer"),
        allow(PARTICIPANT),
        method="post",
        data=lambda w: ANSWER,
        htmx=True,
    ),
    Row(
        "pulses:pulse-live",
        _moment_url("pulses:pulse-live"),
        allow(COACH, APPRENTICE),
    ),
    Row(
        "pulses:pulse-live",
        _moment_url("pulses:pulse-live"),
        allow(COACH, APPRENTICE),
        htmx=True,
    ),
    Row(
        "pulses:window-update",
        _moment_url("pulses:window-update"),
        allow(COACH, APPRENTICE, ok=302),
        method="post",
        data=lambda w: {"action": "close"},
    ),
    Row(
        "pulses:arc",
        lambda w: reverse("pulses:arc", args=[w.community.pk]),
        allow(*MEMBERS, LEAD),
    ),
    Row(
        "pulses:arc-svg",
        lambda w: reverse("pulses:arc-svg", args=[w.community.pk]),
        allow(*MEMBERS, LEAD),
    ),
    Row(
        "pulses:safety",
        lambda w: reverse("pulses:safety", args=[w.community.pk]),
        allow(PARTICIPANT),
    ),
]


# A self-run meeting (meetings' authz world): every member opens and closes its
# check-in and watches the live view (aggregates only); in the leergang above
# only the coaches do.


def _self_run_moment_url(name: str) -> object:
    return lambda w: reverse(
        name, args=[w.community.pk, w.self_run_meeting.pk, Moment.CHECK_IN.value]
    )


ROWS += [
    Row(
        "pulses:pulse-live", _self_run_moment_url("pulses:pulse-live"), allow(*MEMBERS)
    ),
    Row(
        "pulses:pulse-live",
        _self_run_moment_url("pulses:pulse-live"),
        allow(*MEMBERS),
        htmx=True,
    ),
    Row(
        "pulses:window-update",
        _self_run_moment_url("pulses:window-update"),
        allow(*MEMBERS, ok=302),
        method="post",
        data=lambda w: {"action": "open"},
    ),
]

# Each form's POST path: the same people, refused alike (an empty form is shown
# again with its errors).
ROWS += posts(ROWS, "pulses:safety")

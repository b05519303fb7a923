"""Who reaches integration assignments: an individual assignment is its owner's
and the coaches'; the community reads it only when the owner shares it."""

from django.urls import reverse

from leerkring.assignments.tests.factories import IntegrationAssignmentFactory
from leerkring.communities.models import Membership, Sharing
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.core.tests.matrix import (
    APPRENTICE,
    COACH,
    PARTICIPANT,
    Row,
    World,
    allow,
)
from leerkring.meetings.tests.factories import MeetingFactory

MEMBERS = (PARTICIPANT, COACH, APPRENTICE)


def extend(world: World) -> None:
    second = MeetingFactory(period=world.period, number=2)
    MeetingFactory(period=world.period, number=3)
    writer = MembershipFactory(
        community=world.community, role=Membership.Role.PARTICIPANT
    ).user

    def assignment(owner: object, sharing: str) -> object:
        return IntegrationAssignmentFactory(
            meeting=world.meeting, due_meeting=second, owner=owner, sharing=sharing
        )

    world.extra.update(
        second_meeting=second,
        own_assignment=assignment(world.users[PARTICIPANT], Sharing.COACHES),
        private_assignment=assignment(writer, Sharing.COACHES),
        shared_assignment=assignment(writer, Sharing.COMMUNITY),
    )


def _session(name: str) -> object:
    return lambda w: reverse(name, args=[w.community.pk, w.meeting.pk])


def _assignment(name: str, which: str) -> object:
    return lambda w: reverse(name, args=[getattr(w, which).pk])


REPORT = {"did": "Ik heb het geprobeerd.", "status": "partly", "sharing": "coaches"}

ROWS = [
    Row("assignments:session", _session("assignments:session"), allow(*MEMBERS)),
    Row(
        "assignments:session",
        lambda w: reverse(
            "assignments:session", args=[w.community.pk, w.other_meeting.pk]
        ),
        allow(),
    ),
    Row("assignments:formulate", _session("assignments:formulate"), allow(*MEMBERS)),
    Row(
        "assignments:formulate",
        _session("assignments:formulate"),
        allow(*MEMBERS, ok=302),
        method="post",
        data=lambda w: {
            "what": "Een rubric samen met studenten maken.",
            "practice_situation": "Mijn les in week 3.",
            "serves_collective_goal": "on",
            "due_date": w.second_meeting.date.isoformat(),
            "sharing": "coaches",
        },
    ),
    Row(
        "assignments:overview",
        _session("assignments:overview"),
        allow(COACH, APPRENTICE),
    ),
    Row(
        "assignments:detail",
        _assignment("assignments:detail", "private_assignment"),
        allow(COACH, APPRENTICE),
    ),
    Row(
        "assignments:detail",
        _assignment("assignments:detail", "private_assignment"),
        allow(COACH, APPRENTICE),
        htmx=True,
    ),
    Row(
        "assignments:detail",
        _assignment("assignments:detail", "shared_assignment"),
        allow(*MEMBERS),
        htmx=True,
    ),
    Row(
        "assignments:report",
        _assignment("assignments:report", "own_assignment"),
        allow(PARTICIPANT),
    ),
    Row(
        "assignments:report",
        _assignment("assignments:report", "own_assignment"),
        allow(PARTICIPANT, ok=302),
        method="post",
        data=lambda w: REPORT,
    ),
    Row(
        "assignments:report",
        _assignment("assignments:report", "private_assignment"),
        allow(),
    ),
    Row(
        "assignments:carry-over",
        _assignment("assignments:carry-over", "own_assignment"),
        allow(PARTICIPANT, COACH, APPRENTICE, ok=302),
        method="post",
    ),
    Row(
        "assignments:carry-over",
        _assignment("assignments:carry-over", "private_assignment"),
        allow(COACH, APPRENTICE, ok=302),
        method="post",
    ),
]

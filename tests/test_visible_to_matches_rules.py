"""A page that lists objects shows exactly what the access rules let one open.

Lists are built with ``Model.objects.visible_to(user)``; a single object is opened
through ``allowed(user, "view", obj)``. For every actor of the authorization
matrix and every visibility or sharing level, both answer alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from leerkring.assignments.models import IntegrationAssignment
from leerkring.assignments.tests.factories import IntegrationAssignmentFactory
from leerkring.communities.models import Community, Membership
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.core.access import allowed
from leerkring.core.tests.matrix import ACTORS, ANON, PARTICIPANT, World, build_world
from leerkring.journal.models import Reflection, Visibility
from leerkring.journal.tests.factories import ReflectionFactory
from leerkring.tracks.models import (
    LearningQuestion,
    PersonalTrack,
    Sharing,
)
from leerkring.tracks.tests.factories import (
    LearningQuestionFactory,
    PersonalTrackFactory,
)

pytestmark = pytest.mark.django_db

OTHER = "participant_other_community"


def _owners(world: World) -> list[tuple[Any, Any]]:
    """(owner, period) of the participant in A and of the one in A2."""
    return [
        (world.users[PARTICIPANT], world.period),
        (world.users[OTHER], world.other_period),
    ]


def _reflections(world: World) -> None:
    for owner, period in _owners(world):
        for visibility in Visibility.values:
            ReflectionFactory(
                author=owner, community=period.community, visibility=visibility
            )


def _tracks(world: World) -> None:
    """A fellow participant's track per sharing level (a track has one learning
    question), in A and in A2, next to what the world holds already."""
    for _owner, period in _owners(world):
        for sharing in Sharing.values:
            fellow = MembershipFactory(
                community=period.community, role=Membership.Role.PARTICIPANT
            ).user
            track = PersonalTrackFactory(owner=fellow, period=period)
            LearningQuestionFactory(personal_track=track, sharing=sharing)


def _assignments(world: World) -> None:
    for owner, period in _owners(world):
        meeting = world.meeting if period == world.period else world.other_meeting
        for sharing in Sharing.values:
            IntegrationAssignmentFactory(owner=owner, meeting=meeting, sharing=sharing)
        IntegrationAssignmentFactory(  # a group assignment: nobody owns it
            owner=None, created_by=owner, meeting=meeting, sharing=Sharing.COMMUNITY
        )


CASES: list[tuple[type[Any], Callable[[World], None]]] = [
    (Reflection, _reflections),
    (PersonalTrack, _tracks),
    (LearningQuestion, _tracks),
    (IntegrationAssignment, _assignments),
    (Community, lambda world: None),
]


@pytest.mark.parametrize(("model", "make"), CASES, ids=[m.__name__ for m, _ in CASES])
def test_visible_to_lists_what_the_view_rule_opens(
    model: type[Any], make: Callable[[World], None]
) -> None:
    world = build_world()
    make(world)
    everything = list(model.objects.all())
    assert everything
    for actor in ACTORS:
        if actor == ANON:
            continue
        user = world.users[actor]
        listed = set(model.objects.visible_to(user))
        opened = {obj for obj in everything if allowed(user, "view", obj)}
        assert listed == opened, actor

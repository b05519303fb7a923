"""The track pages and the coach's assignment overview do not grow with data."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerkring.assignments.tests.factories import (
    AssignmentReportFactory,
    IntegrationAssignmentFactory,
)
from leerkring.communities.models import Sharing
from leerkring.tracks import actions
from leerkring.tracks.models import PersonalTrack
from leerkring.tracks.tests.conftest import Circle
from leerkring.tracks.tests.factories import (
    CollectiveTrackVersionFactory,
    LearningQuestionVersionFactory,
    QualityPitfallFactory,
)

pytestmark = pytest.mark.django_db


def grow(circle: Circle, people: int) -> None:
    """``people`` more participants, each with a full track, progress, assignments."""
    for _ in range(people):
        user = circle.add_participant()
        for owner in (user, circle.participant):
            question = actions.set_learning_question(
                period=circle.period,
                owner=owner,
                version=_version(circle, owner),
                text=f"Vraag {owner.pk} {_version(circle, owner)}",
                sharing=Sharing.COMMUNITY,
            )
            LearningQuestionVersionFactory(
                question=question, number=question.version + 1
            )
            question.version += 1
            question.save()
        track = PersonalTrack.objects.get(period=circle.period, owner=user)
        QualityPitfallFactory.create_batch(2, personal_track=track, sharing="community")
        actions.add_progress_entry(
            period=circle.period,
            actor=user,
            kind="success",
            text="Gelukt",
            meeting=circle.meetings[0],
        )
        for owner in (user, circle.participant):
            assignment = IntegrationAssignmentFactory(
                meeting=circle.meetings[0],
                due_meeting=circle.meetings[1],
                owner=owner,
                sharing="community",
                learning_question=track.learning_question,
            )
            AssignmentReportFactory(assignment=assignment, sharing="community")
        track_record = circle.period.collective_track
        CollectiveTrackVersionFactory(
            track=track_record, number=track_record.versions.count() + 1
        )


def _version(circle: Circle, owner: Any) -> int:
    track = PersonalTrack.objects.filter(period=circle.period, owner=owner).first()
    question = getattr(track, "learning_question", None) if track else None
    return question.version if question else 0


PAGES = [
    ("participant", lambda c: reverse("tracks:collective", args=[c.community.pk])),
    ("lead", lambda c: reverse("tracks:collective", args=[c.community.pk])),
    (
        "participant",
        lambda c: reverse("tracks:collective-history", args=[c.community.pk]),
    ),
    ("participant", lambda c: reverse("tracks:my-track", args=[c.community.pk])),
    ("coach", lambda c: reverse("tracks:overview", args=[c.community.pk])),
    ("fellow", lambda c: reverse("tracks:overview", args=[c.community.pk])),
    (
        "coach",
        lambda c: reverse(
            "tracks:person",
            args=[PersonalTrack.objects.get(period=c.period, owner=c.participant).pk],
        ),
    ),
    (
        "coach",
        lambda c: reverse(
            "assignments:overview", args=[c.community.pk, c.meetings[1].pk]
        ),
    ),
    (
        "fellow",
        lambda c: reverse(
            "assignments:session", args=[c.community.pk, c.meetings[1].pk]
        ),
    ),
]


def count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(("who", "url"), PAGES)
def test_query_count_does_not_grow_with_data(
    circle: Circle, client: Any, who: str, url: Any
) -> None:
    actions.edit_collective_track(
        period=circle.period,
        actor=circle.coach,
        version=0,
        ambition="Toetsing helpt leren.",
        goal="",
        assignment_do="",
        assignment_result="",
        strategic_goal="",
        sdgs=[4],
    )
    client.force_login(getattr(circle, who))
    grow(circle, 2)
    small = count(client, url(circle))
    grow(circle, 8)
    large = count(client, url(circle))
    assert small == large, (small, large)
    # The bound includes the community header, whose tabs share the page's one
    # lookup of the viewer's membership (core.access.remembering); the own track
    # adds one for the take-aways from intervision.
    assert large <= 16

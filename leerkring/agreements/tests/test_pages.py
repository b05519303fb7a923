"""The demo's story, query counts at two sizes, and personal data."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerkring.agreements import personal_data
from leerkring.agreements.models import (
    AgreementVersion,
    CollectiveGoal,
    PersonalGoal,
    TimeEntry,
)
from leerkring.agreements.tests.factories import (
    AgreementVersionFactory,
    ConfirmationFactory,
    Group,
    PersonalGoalFactory,
    TimeEntryFactory,
)
from leerkring.assignments.tests.factories import (
    AssignmentReportFactory,
    IntegrationAssignmentFactory,
)
from leerkring.meetings.tests.factories import MeetingFactory
from leerkring.tracks.tests.factories import (
    CollectiveTrackFactory,
    LearningQuestionFactory,
    ProgressEntryFactory,
)

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_versions_eight_of_twelve_confirmed_v2(
    demo_community: Any,
) -> None:
    v1, v2 = AgreementVersion.objects.filter(agreement__period=demo_community.period)
    assert v1.confirmations.count() == 12
    assert v2.confirmations.count() == 8
    assert v1.attendance != v2.attendance
    assert not v2.confirmations.filter(user=demo_community.participant).exists()
    assert CollectiveGoal.objects.filter(period=demo_community.period).count() == 2
    period = demo_community.period
    evaluated = PersonalGoal.objects.filter(period=period, evaluated_at__isnull=False)
    assert not evaluated.exists()
    loggers = TimeEntry.objects.filter(period=period).values("user").distinct()
    assert loggers.count() >= 5


def fill(group: Group) -> None:
    """Two versions, everyone confirmed, a goal and hours per participant."""
    v1 = AgreementVersionFactory(agreement__period=group.period, number=1)
    v2 = AgreementVersionFactory(agreement=v1.agreement, number=2)
    for user in group.members:
        ConfirmationFactory(version=v1, user=user)
        ConfirmationFactory(version=v2, user=user)
    track = CollectiveTrackFactory(period=group.period)
    meeting = MeetingFactory(period=group.period, number=1)
    for user in group.participants:
        PersonalGoalFactory(period=group.period, owner=user, shared=True)
        TimeEntryFactory.create_batch(3, period=group.period, user=user)
        ProgressEntryFactory(track=track, author=user)
        LearningQuestionFactory(
            personal_track__period=group.period, personal_track__owner=user
        )
        AssignmentReportFactory(
            assignment=IntegrationAssignmentFactory(meeting=meeting, owner=user)
        )


@pytest.mark.parametrize(
    ("page", "viewer"),
    [
        ("agreement-detail", "participant"),
        ("agreement-detail", "lead"),
        ("agreement-version", "coach"),
        ("harvest", "coach"),
        ("harvest", "participant"),
        ("harvest", "lead"),
        ("hours", "coach"),
        ("hours", "participant"),
    ],
)
def test_query_counts_do_not_grow_with_the_group(
    client: Any, django_assert_max_num_queries: Any, page: str, viewer: str
) -> None:
    """Two and twelve participants with goals, questions, assignments, entries."""
    counts = []
    for size in (2, 12):
        group = Group(participants=size)
        fill(group)
        args = [group.community.pk]
        if page == "agreement-version":
            args.append(2)
        viewers = {"coach": group.coach, "lead": group.lead}
        client.force_login(viewers.get(viewer, group.participants[0]))
        url = reverse(f"agreements:{page}", args=args)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(QUERY_BUDGET.get((page, viewer), 18)):
        client.get(url)


# The harvest as `make bench` measures it (docs/performance.md); was 20.
# The harvest: 15, and for a coach one more for the links to the EYE pages.
QUERY_BUDGET = {("harvest", "coach"): 16, ("harvest", "participant"): 15}


def test_export_holds_goals_hours_and_confirmations_and_erase_forgets() -> None:
    group = Group()
    user = group.participants[0]
    version = AgreementVersionFactory(agreement__period=group.period, number=1)
    ConfirmationFactory(version=version, user=user)
    PersonalGoalFactory(period=group.period, owner=user, text="Mijn doel.")
    TimeEntryFactory(period=group.period, user=user, minutes=45)
    data = personal_data.export(user)
    assert data["personal_goals"][0]["goal"] == "Mijn doel."
    assert data["hours"][0]["minutes"] == 45
    assert data["agreement_confirmations"][0]["version"] == 1
    personal_data.erase(user)
    assert not PersonalGoal.objects.filter(owner=user).exists()
    assert not TimeEntry.objects.filter(user=user).exists()
    assert (
        version.confirmations.count() == 1
    )  # the community keeps that a member agreed

"""The harvest: both tracks over the period, each private part only where it may go."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

from leerkring.agreements.tests.factories import Group, PersonalGoalFactory
from leerkring.assignments.tests.factories import (
    AssignmentReportFactory,
    IntegrationAssignmentFactory,
)
from leerkring.communities.models import Membership, Sharing
from leerkring.meetings.tests.factories import MeetingFactory
from leerkring.tracks.models import PersonSetting
from leerkring.tracks.tests.factories import (
    CollectiveTrackFactory,
    LearningQuestionFactory,
    LearningQuestionVersionFactory,
    ProgressEntryFactory,
)

pytestmark = pytest.mark.django_db


def page_for(client: Any, group: Group, user: Any) -> str:
    client.force_login(user)
    response = client.get(reverse("agreements:harvest", args=[group.community.pk]))
    assert response.status_code == 200
    return str(response.content.decode())


def question(
    group: Group, owner: Any, text: str, sharing: str = Sharing.COACHES
) -> Any:
    q = LearningQuestionFactory(
        personal_track__period=group.period,
        personal_track__owner=owner,
        sharing=sharing,
        first__text=text,
    )
    return q


def test_the_collective_line_runs_from_ambition_to_progress(client: Any) -> None:
    group = Group()
    track = CollectiveTrackFactory(
        period=group.period,
        first__ambition="Toetsen die leren.",
        first__goal="Drie opleidingen.",
    )
    ProgressEntryFactory(track=track, kind="setback", text="Eén team haakte af.")
    page = page_for(client, group, group.participants[0])
    assert "Toetsen die leren." in page
    assert "Drie opleidingen." in page
    assert "Eén team haakte af." in page


def test_a_private_question_reaches_the_owner_and_coaches_only(client: Any) -> None:
    group = Group()
    owner, other = group.participants[:2]
    question(group, owner, "Hoe vraag ik om hulp?")
    assert "Hoe vraag ik om hulp?" in page_for(client, group, owner)
    assert "Hoe vraag ik om hulp?" in page_for(client, group, group.coach)
    assert "Hoe vraag ik om hulp?" not in page_for(client, group, other)
    assert "Hoe vraag ik om hulp?" not in page_for(client, group, group.lead)


def test_the_question_history_and_assignment_yield_show_in_order(client: Any) -> None:
    group = Group()
    owner = group.participants[0]
    q = question(group, owner, "Eerste versie?", Sharing.COMMUNITY)
    LearningQuestionVersionFactory(question=q, number=2, text="Scherpere versie?")
    meeting = MeetingFactory(period=group.period, number=1)
    assignment = IntegrationAssignmentFactory(
        meeting=meeting, owner=owner, sharing=Sharing.COMMUNITY, what="Feedback vragen."
    )
    AssignmentReportFactory(
        assignment=assignment, sharing=Sharing.COMMUNITY, learned="Vragen werkt."
    )
    page = page_for(client, group, group.participants[1])
    assert page.index("Eerste versie?") < page.index("Scherpere versie?")
    assert "Feedback vragen." in page
    assert "Vragen werkt." in page


def test_someone_who_left_without_agreeing_becomes_a_former_member(client: Any) -> None:
    group = Group()
    leaver = group.participants[0]
    track = CollectiveTrackFactory(period=group.period)
    ProgressEntryFactory(track=track, author=leaver, author_name=leaver.display_name)
    question(group, leaver, "Gedeelde vraag?", Sharing.COMMUNITY)
    Membership.objects.filter(user=leaver).update(status=Membership.Status.LEFT)
    page = page_for(client, group, group.coach)
    assert escape(leaver.display_name) not in page
    assert "een voormalig lid" in page
    assert "Gedeelde vraag?" not in page


def test_someone_who_left_and_agreed_keeps_their_shared_line(client: Any) -> None:
    group = Group()
    leaver = group.participants[0]
    question(group, leaver, "Gedeelde vraag?", Sharing.COMMUNITY)
    PersonalGoalFactory(period=group.period, owner=leaver, text="Privé doel.")
    PersonSetting.objects.create(user=leaver, keep_name_in_shared_history=True)
    Membership.objects.filter(user=leaver).update(status=Membership.Status.LEFT)
    page = page_for(client, group, group.coach)
    assert escape(leaver.display_name) in page
    assert "vertrokken" in page
    assert "Gedeelde vraag?" in page
    assert "Privé doel." not in page  # private stays theirs, even for the coaches


def test_the_content_goal_starts_from_the_collective_tracks_goal(client: Any) -> None:
    group = Group()
    CollectiveTrackFactory(period=group.period, first__goal="Feedback vóór elke toets.")
    client.force_login(group.participants[0])
    url = reverse("agreements:goal-edit", args=[group.community.pk, "content"])
    page = client.get(url).content.decode()
    assert page.count("Feedback vóór elke toets.") == 2  # shown, and in the form

"""The EYE page: figure 2 of the programme text for one participant.

Who sees what is proven by content: every private item carries its own marker,
and each viewer's answer is searched for all of them.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerkring.assignments.tests.factories import (
    AssignmentReportFactory,
    IntegrationAssignmentFactory,
)
from leerkring.communities.models import Sharing
from leerkring.journal.models import Visibility
from leerkring.journal.tests.factories import ReflectionFactory
from leerkring.tracks.eye import eye_for, render_svg
from leerkring.tracks.tests.factories import (
    CollectiveTrackVersionFactory,
    LearningQuestionFactory,
    LearningQuestionVersionFactory,
    PersonalTrackFactory,
    QualityPitfallFactory,
)

from .conftest import Circle

pytestmark = pytest.mark.django_db

OWN = ("QUALITYEYE1", "PITFALLEYE2", "QUESTIONEYE3", "MISSIONEYE4", "ASSIGNEYE5")
YIELD = "YIELDEYE6"
SHARED_REFLECTION = "SHAREDREFLEYE7"
PRIVATE_REFLECTION = "PRIVATEREFLEYE8"
AMBITION = "AMBITIONEYE9"


@pytest.fixture
def story(circle: Circle) -> Circle:
    track = PersonalTrackFactory(
        period=circle.period,
        owner=circle.participant,
        mission="MISSIONEYE4 voor de school",
    )
    QualityPitfallFactory(
        personal_track=track, quality="QUALITYEYE1", pitfall="PITFALLEYE2"
    )
    question = LearningQuestionFactory(personal_track=track, first=None, version=2)
    LearningQuestionVersionFactory(question=question, number=1, text="Eerste vraag")
    LearningQuestionVersionFactory(
        question=question, number=2, text="Hoe QUESTIONEYE3 ik mijn toetsing?"
    )
    assignment = IntegrationAssignmentFactory(
        meeting=circle.meetings[0],
        owner=circle.participant,
        what="ASSIGNEYE5 in mijn klas",
        learning_question=question,
    )
    AssignmentReportFactory(assignment=assignment, learned="YIELDEYE6 geleerd")
    ReflectionFactory(
        author=circle.participant,
        community=circle.community,
        learning_question=question,
        title="SHAREDREFLEYE7",
        visibility=Visibility.COACHES,
    )
    ReflectionFactory(
        author=circle.participant,
        community=circle.community,
        assignment=assignment,
        title="PRIVATEREFLEYE8",
        visibility=Visibility.PRIVATE,
    )
    # A reflection not linked to the track stays off the EYE, even for its author.
    ReflectionFactory(
        author=circle.participant, community=circle.community, title="UNLINKEDEYE10"
    )
    CollectiveTrackVersionFactory(
        track__period=circle.period, ambition="AMBITIONEYE9 voor iedereen"
    )
    return circle


def _eye_url(circle: Circle) -> str:
    return reverse("tracks:eye", args=[circle.community.pk, circle.participant.pk])


def _page(client: Client, user: Any, url: str) -> tuple[int, str]:
    client.force_login(user)
    response = client.get(url)
    return response.status_code, response.content.decode()


def test_the_owner_sees_her_whole_story(client: Client, story: Circle) -> None:
    status, html = _page(client, story.participant, _eye_url(story))
    assert status == 200
    for marker in (*OWN, YIELD, SHARED_REFLECTION, PRIVATE_REFLECTION, AMBITION):
        assert marker in html
    assert "UNLINKEDEYE10" not in html
    assert 'role="img"' in html
    assert "Mijn EYE-model" in html


def test_a_coach_sees_only_what_is_shared_with_coaches(
    client: Client, story: Circle
) -> None:
    for coach in (story.coach, story.apprentice):
        status, html = _page(client, coach, _eye_url(story))
        assert status == 200
        for marker in (*OWN, YIELD, SHARED_REFLECTION, AMBITION):
            assert marker in html
        assert PRIVATE_REFLECTION not in html


def test_a_coach_sees_a_reflection_once_it_is_shared(
    client: Client, story: Circle
) -> None:
    from leerkring.journal.models import Reflection

    Reflection.objects.filter(title=PRIVATE_REFLECTION).update(
        visibility=Visibility.COACHES
    )
    status, html = _page(client, story.coach, _eye_url(story))
    assert status == 200
    assert PRIVATE_REFLECTION in html


@pytest.mark.parametrize("viewer", ["fellow", "lead", "superuser", "other_coach"])
def test_nobody_else_opens_it(client: Client, story: Circle, viewer: str) -> None:
    # Even what the owner shares with the community stays off this page for them.
    from leerkring.tracks.models import QualityPitfall

    QualityPitfall.objects.update(sharing=Sharing.COMMUNITY)
    status, html = _page(client, getattr(story, viewer), _eye_url(story))
    assert status == 404
    for marker in (*OWN, YIELD, SHARED_REFLECTION, PRIVATE_REFLECTION):
        assert marker not in html


def test_a_coach_has_no_eye(client: Client, story: Circle) -> None:
    url = reverse("tracks:eye", args=[story.community.pk, story.coach.pk])
    assert _page(client, story.participant, url)[0] == 404
    assert _page(client, story.coach, url)[0] == 404


def test_a_participant_who_left_is_no_longer_shown_to_coaches(
    client: Client, story: Circle
) -> None:
    story.community.memberships.filter(user=story.participant).update(status="left")
    assert _page(client, story.coach, _eye_url(story))[0] == 404


def test_the_svg_has_a_text_alternative(story: Circle) -> None:
    eye = eye_for(story.coach, story.participant, story.period)
    description = eye.description()
    for marker in ("QUALITYEYE1", "QUESTIONEYE3", "MISSIONEYE4", AMBITION):
        assert marker in description
    assert PRIVATE_REFLECTION not in description
    for size in ("wide", "narrow"):
        svg = render_svg(eye, size, id_prefix="t")
        assert f'aria-labelledby="t-{size}-title t-{size}-desc"' in svg
        assert f'<desc id="t-{size}-desc">' in svg
        assert "QUALITYEYE1" in svg


def test_the_figure_escapes_what_people_type(story: Circle) -> None:
    from leerkring.tracks.models import PersonalTrack

    PersonalTrack.objects.update(mission='<script>alert("x")</script>')
    eye = eye_for(story.participant, story.participant, story.period)
    svg = render_svg(eye)
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_asks_a_fixed_number_of_queries(client: Client, story: Circle) -> None:
    client.force_login(story.coach)
    url = _eye_url(story)
    before = _queries(client, url)
    for _n in range(5):
        assignment = IntegrationAssignmentFactory(
            meeting=story.meetings[1], owner=story.participant
        )
        AssignmentReportFactory(assignment=assignment)
        ReflectionFactory(
            author=story.participant, community=story.community, assignment=assignment
        )
    assert _queries(client, url) == before


def test_the_personal_pdf_contains_the_eye(client: Client, story: Circle) -> None:
    import io

    import pypdf

    client.force_login(story.participant)
    url = reverse("reports:personal-pdf", args=[story.community.pk, story.period.pk])
    response = client.get(url)
    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Mijn EYE-model" in text
    for marker in ("QUALITYEYE1", "QUESTIONEYE3", "MISSIONEYE4", AMBITION):
        assert marker in text

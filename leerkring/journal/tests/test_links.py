"""Entries link to a session, an integration assignment or the learning question;
prompts come from the session's personal theme and the writer's open assignments."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from leerkring.assignments.tests.factories import (
    AssignmentReportFactory,
    IntegrationAssignmentFactory,
)
from leerkring.communities.models import Sharing
from leerkring.communities.tests.factories import (
    LearningPeriodFactory,
    MembershipFactory,
)
from leerkring.journal.models import Visibility
from leerkring.journal.prompts import writing_prompts
from leerkring.journal.tests.factories import ReflectionFactory
from leerkring.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting() -> dict[str, Any]:
    period = LearningPeriodFactory()
    community = period.community
    meeting = MeetingFactory(
        period=period,
        number=1,
        personal_theme="Nieuwsgierigheid",
        personal_question="Wat wil je leren?",
    )
    author = MembershipFactory(community=community).user
    assignment = IntegrationAssignmentFactory(
        meeting=meeting, owner=author, what="Peerfeedback uitproberen"
    )
    return {
        "community": community,
        "meeting": meeting,
        "author": author,
        "assignment": assignment,
    }


def test_prompts_come_from_the_session_and_open_assignments(
    setting: dict[str, Any],
) -> None:
    prompts = writing_prompts(setting["community"], setting["author"])
    questions = [p.question for p in prompts]
    assert "Wat wil je leren?" in questions
    assert any("Peerfeedback uitproberen" in p.source for p in prompts)
    AssignmentReportFactory(assignment=setting["assignment"])  # done
    prompts = writing_prompts(setting["community"], setting["author"])
    assert not any("Peerfeedback" in p.source for p in prompts)


def test_a_prompt_prefills_the_new_entry(client: Any, setting: dict[str, Any]) -> None:
    client.force_login(setting["author"])
    page = client.get(
        reverse("journal:reflection-create", args=[setting["community"].pk]),
        {"assignment": setting["assignment"].pk, "title": "Over mijn opdracht"},
    )
    assert page.context["form"].initial["assignment"] == str(setting["assignment"].pk)
    assert page.context["form"].initial["title"] == "Over mijn opdracht"
    assert "Wat wil je leren?" in page.content.decode()


def test_an_entry_links_to_the_writers_own_assignment_only(
    client: Any, setting: dict[str, Any]
) -> None:
    someone_else = IntegrationAssignmentFactory(meeting=setting["meeting"])
    client.force_login(setting["author"])
    url = reverse("journal:reflection-create", args=[setting["community"].pk])
    data = {"title": "T", "body": "Tekst", "visibility": "private"}
    refused = client.post(url, {**data, "assignment": someone_else.pk})
    assert refused.context["form"].errors["assignment"]
    client.post(url, {**data, "assignment": setting["assignment"].pk})
    entry = setting["author"].reflections.get()
    assert entry.assignment == setting["assignment"]
    journal = client.get(
        reverse("journal:journal-list", args=[setting["community"].pk]),
        {"assignment": setting["assignment"].pk},
    )
    assert list(journal.context["entries"]) == [entry]


def test_a_shared_entry_does_not_reveal_a_private_assignment(
    client: Any, setting: dict[str, Any]
) -> None:
    assert setting["assignment"].sharing == Sharing.COACHES
    entry = ReflectionFactory(
        author=setting["author"],
        community=setting["community"],
        assignment=setting["assignment"],
        visibility=Visibility.COMMUNITY,
    )
    fellow = MembershipFactory(community=setting["community"]).user
    client.force_login(fellow)
    page = client.get(reverse("journal:reflection-detail", args=[entry.pk]))
    assert page.context["linked_assignment"] is None
    assert "Peerfeedback uitproberen" not in page.content.decode()
    client.force_login(setting["author"])
    page = client.get(reverse("journal:reflection-detail", args=[entry.pk]))
    assert "Peerfeedback uitproberen" in page.content.decode()

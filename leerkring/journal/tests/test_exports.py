"""The author takes their own journal along; no one else's words come with it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.journal.models import CoachFeedback, Visibility
from leerkring.journal.tests.factories import CoachFeedbackFactory, ReflectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def journal() -> dict[str, Any]:
    mine = ReflectionFactory(
        title="Mijn inzicht",
        visibility=Visibility.COACHES,
        body="Ik <script>alert(1)</script> leerde **veel**.",
    )
    CoachFeedbackFactory(
        reflection=mine,
        body="Gepubliceerde feedback",
        status=CoachFeedback.Status.PUBLISHED,
        published_at="2026-01-05T10:00Z",
    )
    CoachFeedbackFactory(reflection=mine, body="Concept van de coach")
    theirs = ReflectionFactory(
        community=mine.community,
        title="Van een ander",
        visibility=Visibility.COMMUNITY,
    )
    return {"mine": mine, "theirs": theirs}


def test_markdown_export_holds_own_entries_and_published_feedback(
    client: Any, journal: dict[str, Any]
) -> None:
    mine = journal["mine"]
    client.force_login(mine.author)
    response = client.get(reverse("journal:export-markdown", args=[mine.community_id]))
    assert response["Content-Type"].startswith("text/markdown")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    text = response.content.decode()
    assert "## Mijn inzicht" in text
    assert "Gepubliceerde feedback" in text
    assert "Concept van de coach" not in text
    assert "Van een ander" not in text


def test_pdf_export_renders_own_entries_safely(
    client: Any, journal: dict[str, Any]
) -> None:
    mine = journal["mine"]
    client.force_login(mine.author)
    response = client.get(reverse("journal:export-pdf", args=[mine.community_id]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    from leerkring.journal import exports

    html_source = exports.render_to_string(
        "journal/export_pdf.html",
        {
            "author": mine.author,
            "community": mine.community,
            "entries": [(mine, exports.markdown.render(mine.body))],
        },
    )
    assert "<script>alert" not in html_source
    assert "<strong>veel</strong>" in html_source


def test_a_coach_exports_only_their_own_entries(
    client: Any, journal: dict[str, Any]
) -> None:
    mine = journal["mine"]
    coach = MembershipFactory(community=mine.community, role=Membership.Role.COACH).user
    client.force_login(coach)
    text = client.get(
        reverse("journal:export-markdown", args=[mine.community_id])
    ).content.decode()
    assert "Mijn inzicht" not in text
    assert "Van een ander" not in text

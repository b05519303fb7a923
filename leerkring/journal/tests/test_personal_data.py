"""Everything of one's journal can be taken along, and forgotten."""

from __future__ import annotations

import json

import pytest

from leerkring.journal import personal_data
from leerkring.journal.models import CoachFeedback, Comment, Draft, Reflection
from leerkring.journal.tests.factories import (
    AssessmentFactory,
    CoachFeedbackFactory,
    CommentFactory,
    ReflectionFactory,
)

pytestmark = pytest.mark.django_db


def test_export_holds_entries_assessments_drafts_and_comments_written() -> None:
    entry = ReflectionFactory(title="Eigen")
    AssessmentFactory(reflection=entry, level=2)
    Draft.objects.create(user=entry.author, community=entry.community, body="half")
    elsewhere = CommentFactory(author=entry.author, body="Mijn reactie")
    data = personal_data.export(entry.author)
    json.dumps(data)
    assert data["reflections"][0]["title"] == "Eigen"
    assert data["reflections"][0]["assessments"][0]["level"] == 2
    assert data["drafts"][0]["body"] == "half"
    assert data["comments_written"] == [
        {
            "entry_id": elsewhere.reflection_id,
            "body": "Mijn reactie",
            "created_at": elsewhere.created_at.isoformat(),
        }
    ]


def test_erase_removes_entries_and_anonymises_comments_and_feedback() -> None:
    entry = ReflectionFactory()
    CommentFactory(reflection=ReflectionFactory(visibility="community"))
    comment = CommentFactory(author=entry.author)
    feedback = CoachFeedbackFactory(
        coach=entry.author,
        status=CoachFeedback.Status.PUBLISHED,
        published_at="2026-01-01T10:00Z",
    )
    personal_data.erase(entry.author)
    assert not Reflection.objects.filter(author=entry.author).exists()
    assert Comment.objects.get(pk=comment.pk).author is None
    assert CoachFeedback.objects.get(pk=feedback.pk).coach is None

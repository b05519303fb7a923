"""The demo tells the journal's story: entries after sessions 1–3 at varying
depth, shared with coaches (with feedback) and the community (with responses)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Count

from leerkring.journal.models import (
    CoachFeedback,
    Comment,
    Reflection,
    ReflectionAssessment,
    Visibility,
)

pytestmark = pytest.mark.django_db


def test_every_participant_has_several_assessed_entries(demo_community: Any) -> None:
    entries = Reflection.objects.filter(community=demo_community.community)
    per_author = entries.values("author").annotate(n=Count("id"))
    assert len(per_author) == len(demo_community.participants)
    assert all(row["n"] >= 2 for row in per_author)
    assert set(entries.values_list("meeting__number", flat=True)) == {1, 2, 3}
    levels = set(
        ReflectionAssessment.objects.filter(reflection__in=entries).values_list(
            "level", flat=True
        )
    )
    assert len(levels) >= 3
    assert not entries.filter(assessments__isnull=True).exists()


def test_shared_entries_have_feedback_and_responses(demo_community: Any) -> None:
    """All but one shared entry have feedback: the demo coach has one to answer."""
    entries = Reflection.objects.filter(community=demo_community.community)
    shared = entries.exclude(visibility=Visibility.PRIVATE)
    assert shared.exists()
    answered = CoachFeedback.objects.filter(
        reflection__in=shared, status=CoachFeedback.Status.PUBLISHED
    )
    assert answered.count() == shared.count() - 1
    assert shared.exclude(feedback__in=answered).get().visibility == (
        Visibility.COACHES
    )
    community_shared = entries.filter(visibility=Visibility.COMMUNITY)
    assert community_shared.exists()
    assert Comment.objects.filter(reflection__in=community_shared).count() >= 2

"""The demo tells the story of both tracks at session 4."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from leerkring.assignments.models import AssignmentReport, IntegrationAssignment
from leerkring.tracks.models import (
    CollectiveTrackVersion,
    LearningQuestion,
    PersonalTrack,
    ProgressEntry,
    QualityPitfall,
)

pytestmark = pytest.mark.django_db


def test_the_demo_holds_both_tracks_and_the_assignments(demo_community: Any) -> None:
    demo = demo_community
    versions = CollectiveTrackVersion.objects.filter(track__period=demo.period)
    assert versions.count() == 3
    assert versions.get(number=3).assignment_do
    assert ProgressEntry.objects.filter(track__period=demo.period).count() >= 10
    assert PersonalTrack.objects.filter(period=demo.period).count() == len(
        demo.participants
    )
    assert QualityPitfall.objects.filter(challenge__gt="").count() >= 5
    counts = {
        q.versions.count()
        for q in LearningQuestion.objects.filter(personal_track__period=demo.period)
    }
    assert counts == {1, 2, 3}
    statuses = set(
        AssignmentReport.objects.filter(assignment__period=demo.period).values_list(
            "status", flat=True
        )
    )
    assert statuses == {"done", "partly", "not"}
    assert (
        IntegrationAssignment.objects.filter(
            period=demo.period, carried_from__isnull=False
        ).count()
        == 1
    )
    assert IntegrationAssignment.objects.filter(
        due_meeting=demo.current_meeting
    ).exists()


def test_the_demo_pages_show_the_story(demo_community: Any, client: Any) -> None:
    demo = demo_community
    client.force_login(demo.participant)
    page = client.get(reverse("tracks:my-track", args=[demo.community.pk]))
    html = page.content.decode()
    assert "zelf om feedback vragen" in html  # Sanne's third wording …
    assert "Hoe geef ik betere feedback?" in html  # … and her first
    client.force_login(demo.coach)
    page = client.get(
        reverse(
            "assignments:overview", args=[demo.community.pk, demo.current_meeting.pk]
        )
    )
    assert page.context["reported"] >= 3
    assert page.context["total"] > page.context["reported"]

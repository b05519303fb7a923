"""The next session's look back shows progress and the reports due at it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse

from leerkring.assignments.lookback import reports_due
from leerkring.assignments.tests.factories import (
    AssignmentReportFactory,
    IntegrationAssignmentFactory,
)
from leerkring.communities.models import Sharing
from leerkring.meetings import lookback
from leerkring.tracks import actions as track_actions
from leerkring.tracks.lookback import progress_since_last_session
from leerkring.tracks.tests.conftest import Circle

pytestmark = pytest.mark.django_db


def test_both_providers_are_registered() -> None:
    assert progress_since_last_session in lookback._providers
    assert reports_due in lookback._providers


def test_the_session_page_looks_back_on_progress_and_reports(
    circle: Circle, client: Any
) -> None:
    first, second = circle.meetings[:2]
    track_actions.add_progress_entry(
        period=circle.period,
        actor=circle.fellow,
        kind="success",
        text="De pilot mag starten.",
        happened_on=first.date + timedelta(days=2),
    )
    private = IntegrationAssignmentFactory(
        meeting=first, due_meeting=second, owner=circle.fellow, what="Privé opdracht"
    )
    AssignmentReportFactory(assignment=private, learned="Privé opbrengst")
    shared = IntegrationAssignmentFactory(
        meeting=first,
        due_meeting=second,
        owner=circle.fellow,
        what="Gedeelde opdracht",
        sharing=Sharing.COMMUNITY,
    )
    AssignmentReportFactory(
        assignment=shared, learned="Gedeelde opbrengst", sharing=Sharing.COMMUNITY
    )
    url = reverse("meetings:meeting-detail", args=[second.pk])
    client.force_login(circle.participant)
    html = client.get(url).content.decode()
    assert "De pilot mag starten." in html
    assert "Gedeelde opbrengst" in html
    assert "Privé opdracht" not in html
    assert "Privé opbrengst" not in html
    client.force_login(circle.coach)
    html = client.get(url).content.decode()
    assert "Privé opbrengst" in html
    assert (
        reverse("assignments:overview", args=[circle.community.pk, second.pk]) in html
    )


def test_nothing_to_look_back_on_leaves_the_sections_out(circle: Circle) -> None:
    first = circle.meetings[0]
    assert progress_since_last_session(first, circle.participant) is None
    assert reports_due(first, circle.participant) is None

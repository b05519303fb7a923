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
    assert Attendance.objects.filter(meeting__in=meetings, present=False).count() == 2
    assert OpenSpaceProposal.objects.filter(meeting=demo.current_meeting).count() == 1
    assert committed_participants(demo.community.pk).count() == len(demo.participants)


def test_the_self_run_community_can_hold_its_next_meeting_without_a_coach(
    demo_community: Any,
) -> None:
    """Meeting 2 of "Feedback in de praktijk" is coming, chaired by the demo's
    alumnus, with a note-taker; meeting 1's attendance was the members' (no
    coach came), so the leads see how long the community went without one."""
    from leerkring.meetings.models import Meeting, MeetingRole
    from leerkring.meetings.selfrun.attention import last_attention

    demo = demo_community
    period = demo.alumni_community.current_period()
    first, second = Meeting.objects.for_period(period)[:2]
    assert second.status(demo.today) == "upcoming"
    roles = {r.role: r for r in MeetingRole.objects.filter(meeting=second)}
    assert roles[MeetingRole.Role.CHAIR].membership.user.email.startswith("bram@")
    assert roles[MeetingRole.Role.NOTE_TAKER].membership is not None
    present = Attendance.objects.filter(meeting=first, present=True)
    assert present.count() == len(demo.alumni)
    assert not present.filter(membership__user=demo.coach).exists()
    last = last_attention([demo.alumni_community.pk], demo.today)
    assert last[demo.alumni_community.pk] < first.date

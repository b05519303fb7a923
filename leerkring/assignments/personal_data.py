"""A person's integration assignments and reports: exported; deleted on erase.

Individual assignments and every report are the person's own and are deleted. A
shared (group) assignment they formulated stays with the community; it keeps their
name only if they agreed (``tracks.PersonSetting``), see ``tracks.personal_data``.
"""

from __future__ import annotations

from typing import Any

from leerkring.tracks.people import keeps_name

from .models import AssignmentReport, IntegrationAssignment


def _report(report: AssignmentReport) -> dict[str, Any]:
    return {
        "status": report.status,
        "what_i_did": report.did,
        "what_happened": report.happened,
        "what_i_learned": report.learned,
        "sharing": report.sharing,
        "updated_at": report.updated_at.isoformat(),
    }


def export(user: Any) -> dict[str, Any]:
    owned = (
        IntegrationAssignment.objects.filter(owner=user)
        .select_related("period__community", "meeting", "due_meeting")
        .prefetch_related("reports")
    )
    group_reports = AssignmentReport.objects.filter(
        author=user, assignment__owner__isnull=True
    ).select_related("assignment__period__community")
    return {
        "integration_assignments": [
            {
                "community": a.period.community.name,
                "what": a.what,
                "practice_situation": a.practice_situation,
                "formulated_in_session": a.meeting.number if a.meeting else None,
                "due_date": a.due_date.isoformat(),
                "serves_collective_goal": a.serves_collective_goal,
                "sharing": a.sharing,
                "carried_over_from": a.carried_from_id,
                "reports": [_report(r) for r in a.reports.all()],
            }
            for a in owned
        ],
        "reports_on_shared_assignments": [
            {
                "community": r.assignment.period.community.name,
                "assignment": r.assignment.what,
                **_report(r),
            }
            for r in group_reports
        ],
    }


def erase(user: Any) -> None:
    AssignmentReport.objects.filter(author=user).delete()
    IntegrationAssignment.objects.filter(owner=user).delete()
    created = IntegrationAssignment.objects.filter(created_by=user)
    if keeps_name(user):
        created.update(created_by=None)
    else:
        created.update(created_by=None, created_by_name="")

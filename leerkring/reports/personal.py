"""One participant's own track in a period, for their personal PDF.

``personal_for(user, period)``: learning question history, qualities and
pitfalls, mission, their assignments and reports (their yields), their personal
goal and their own line in the arc. Only ever built for the person themself;
every row comes from a ``visible_to(user)`` queryset. (The community's harvest
is ``agreements.harvest.harvest_for``.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q

from leerkring.agreements.models import (
    PersonalGoal,
)
from leerkring.assignments.models import AssignmentReport, IntegrationAssignment
from leerkring.communities.models import Community, LearningPeriod
from leerkring.pulses import charts
from leerkring.tracks.eye import Eye, eye_for
from leerkring.tracks.eye import render_svg as eye_svg
from leerkring.tracks.models import (
    LearningQuestion,
    PersonalTrack,
    QualityPitfall,
)


@dataclass
class PersonalDocument:
    user: Any
    community: Community
    period: LearningPeriod
    track: PersonalTrack | None
    question: LearningQuestion | None
    qualities: list[QualityPitfall]
    assignments: list[IntegrationAssignment]
    arc_svg: str
    arc_text: str
    goal: PersonalGoal | None = None
    eye: Eye | None = None

    @property
    def arc_uri(self) -> str:
        return charts.svg_data_uri(self.arc_svg)

    @property
    def eye_uri(self) -> str:
        return charts.svg_data_uri(eye_svg(self.eye)) if self.eye else ""

    @property
    def yields(self) -> list[AssignmentReport]:
        return [
            report
            for assignment in self.assignments
            for report in assignment.reports.all()
            if report.author_id == self.user.pk and report.learned
        ]


def personal_for(user: Any, period: LearningPeriod) -> PersonalDocument:
    """The person's own track in ``period`` (build it only for ``user`` themself)."""
    track = (
        PersonalTrack.objects.visible_to(user).filter(period=period, owner=user).first()
    )
    question = (
        LearningQuestion.objects.visible_to(user)
        .with_history()
        .filter(personal_track=track)
        .first()
        if track
        else None
    )
    assignments = list(
        IntegrationAssignment.objects.visible_to(user)
        .filter(period=period)
        .filter(Q(owner=user) | Q(owner__isnull=True, reports__author=user))
        .distinct()
        .select_related("meeting", "due_meeting")
        .prefetch_related(
            Prefetch("reports", queryset=AssignmentReport.objects.filter(author=user))
        )
        .order_by("due_date", "pk")
    )
    arc = charts.period_arc(period, viewer=user)
    return PersonalDocument(
        user=user,
        community=period.community,
        period=period,
        track=track,
        question=question,
        qualities=list(
            QualityPitfall.objects.visible_to(user).filter(personal_track=track)
        )
        if track
        else [],
        assignments=assignments,
        arc_svg=charts.render_svg(arc),
        arc_text=charts.describe(arc),
        goal=PersonalGoal.objects.visible_to(user, period.community)
        .filter(period=period, owner=user)
        .first(),
        eye=eye_for(user, user, period),
    )

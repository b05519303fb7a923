"""What goes into the PDFs, gathered for one viewer from the owning apps' querysets.

``harvest_for(viewer, period)`` — the community's harvest: sessions, the collective
track (ambition → goal → assignment) with its progress timeline, the group's
tension arc, the learning yields members shared with the community. A programme
lead gets the collective summary only (``HarvestDocument.summary_only``): the
current ambition and goal, counts, the group arc — never a progress text, a yield
or anything personal.

``personal_for(user, period)`` — one participant's own track: learning question
history, qualities and pitfalls, mission, their assignments and reports (their
yields), and their own line in the arc. Only ever built for the person themself.

Every private row comes from a ``visible_to(viewer)`` queryset; the group arc
comes from the pulses app, which applies the minimum of three answers itself.
"""

from __future__ import annotations

import base64
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone

from leerkring.agreements.harvest import HarvestSummary, summary_for
from leerkring.agreements.models import (
    Agreement,
    AgreementVersion,
    Aspect,
    CollectiveGoal,
    PersonalGoal,
)
from leerkring.assignments.models import AssignmentReport, IntegrationAssignment
from leerkring.communities.models import Community, LearningPeriod, Membership
from leerkring.meetings.models import Attendance, Meeting
from leerkring.pulses import charts
from leerkring.tracks.eye import Eye, eye_for
from leerkring.tracks.eye import render_svg as eye_svg
from leerkring.tracks.models import (
    CollectiveTrack,
    CollectiveTrackVersion,
    LearningQuestion,
    PersonalTrack,
    ProgressEntry,
    QualityPitfall,
)


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@dataclass
class SessionLine:
    meeting: Meeting
    present: int | None

    @property
    def summary(self) -> str:
        """The summary as the members read it: only once it is published."""
        return self.meeting.summary if self.meeting.summary_is_published else ""


@dataclass
class HarvestDocument:
    community: Community
    period: LearningPeriod
    summary_only: bool
    sessions: list[SessionLine]
    participant_count: int
    track_version: CollectiveTrackVersion | None
    track_versions: int
    progress: list[ProgressEntry]
    progress_counts: list[tuple[str, int]]
    yields: list[AssignmentReport]
    arc_svg: str
    arc_text: str
    agreement: AgreementVersion | None = None
    confirmations: int = 0
    goals: list[CollectiveGoal] = field(default_factory=list)
    personal_goals: list[PersonalGoal] = field(default_factory=list)
    goal_summary: HarvestSummary | None = None

    @property
    def published_summaries(self) -> int:
        return sum(1 for line in self.sessions if line.summary)

    @property
    def arc_uri(self) -> str:
        return svg_data_uri(self.arc_svg)


def _sessions(period: LearningPeriod) -> list[SessionLine]:
    meetings = list(Meeting.objects.filter(period=period).order_by("number"))
    present = Counter(
        Attendance.objects.present()
        .filter(meeting__period=period)
        .values_list("meeting_id", flat=True)
    )
    today = timezone.localdate()
    return [
        SessionLine(m, present.get(m.pk) if m.date <= today else None) for m in meetings
    ]


def _track(period: LearningPeriod) -> tuple[CollectiveTrackVersion | None, int]:
    track = CollectiveTrack.objects.filter(period=period).first()
    if track is None:
        return None, 0
    versions = track.versions.order_by("-number")
    return versions.first(), versions.count()


def _progress_counts(progress: list[ProgressEntry]) -> list[tuple[str, int]]:
    counts = Counter(entry.kind for entry in progress)
    return [
        (str(label), counts.get(kind, 0)) for kind, label in ProgressEntry.Kind.choices
    ]


def shared_yields(viewer: Any, period: LearningPeriod) -> list[AssignmentReport]:
    """Reports with a yield that their author shared with the community."""
    return list(
        AssignmentReport.objects.visible_to(viewer)
        .shared_with_community()
        .filter(assignment__period=period)
        .exclude(learned="")
        .select_related("author", "assignment__due_meeting")
        .order_by("assignment__due_date", "author__display_name", "pk")
    )


def _agreement(period: LearningPeriod) -> tuple[AgreementVersion | None, int]:
    """The agreements' current version and how many members confirmed it."""
    agreement = Agreement.objects.filter(period=period).first()
    version = agreement.current_version() if agreement else None
    return version, version.confirmations.count() if version else 0


def _collective_goals(period: LearningPeriod) -> list[CollectiveGoal]:
    order: dict[str, int] = {Aspect.CONTENT: 0, Aspect.LEARNING_YIELD: 1}
    goals = CollectiveGoal.objects.filter(period=period).prefetch_related("validations")
    return sorted(goals, key=lambda goal: order.get(goal.aspect, 2))


def harvest_for(
    viewer: Any, period: LearningPeriod, *, summary_only: bool
) -> HarvestDocument:
    """The harvest of ``period`` as ``viewer`` may read it."""
    community = period.community
    version, version_count = _track(period)
    progress = list(
        ProgressEntry.objects.filter(track__period=period)
        .select_related("meeting")
        .order_by("happened_on", "created_at", "pk")
    )
    participants = (
        Membership.objects.active().participants().filter(community=community).count()
    )
    arc = charts.period_arc(period)
    agreement, confirmations = _agreement(period)
    personal_goals = (
        []
        if summary_only
        else list(
            PersonalGoal.objects.visible_to(viewer, community)
            .filter(period=period, shared=True)
            .select_related("owner")
            .order_by("owner__display_name")
        )
    )
    return HarvestDocument(
        community=community,
        period=period,
        summary_only=summary_only,
        sessions=_sessions(period),
        participant_count=participants,
        track_version=version,
        track_versions=version_count,
        progress=[] if summary_only else progress,
        progress_counts=_progress_counts(progress),
        yields=[] if summary_only else shared_yields(viewer, period),
        arc_svg=charts.render_svg(arc),
        arc_text=charts.describe(arc),
        agreement=None if summary_only else agreement,
        confirmations=confirmations,
        goals=_collective_goals(period),
        personal_goals=personal_goals,
        goal_summary=summary_for(period),
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
        return svg_data_uri(self.arc_svg)

    @property
    def eye_uri(self) -> str:
        return svg_data_uri(eye_svg(self.eye)) if self.eye else ""

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

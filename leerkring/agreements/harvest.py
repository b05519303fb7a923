"""The harvest ("oogst") of a learning period, gathered for one viewer: the one
``harvest_for`` behind the harvest page and the harvest PDF.

Both tracks over the whole period: the collective line ambition → goal →
progress → result, and per person goal → question history → integration
assignments → learning yield. What a viewer may read follows DESIGN.md §5 through
each app's own ``visible_to``: private parts only to their owner and the coaches,
shared parts to the other members, only counts to the programme lead.

Someone who left appears in the shared history by name only if they agreed
(``tracks.PersonSetting``); their personal line then shows only what they shared.
Without that agreement they are "a former member" and have no personal line.

The number of queries is fixed: it does not grow with participants or entries.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from leerkring.accounts.models import User
from leerkring.assignments.models import AssignmentReport, IntegrationAssignment
from leerkring.communities.models import Community, LearningPeriod, Membership, Sharing
from leerkring.meetings.models import Attendance, Meeting
from leerkring.pulses import charts
from leerkring.tracks.models import (
    CollectiveTrackVersion,
    LearningQuestion,
    LearningQuestionVersion,
    PersonSetting,
    ProgressEntry,
)
from leerkring.tracks.people import NameBook

from .models import (
    Agreement,
    AgreementVersion,
    Aspect,
    CollectiveGoal,
    PersonalGoal,
    Reached,
)


@dataclass
class AssignmentLine:
    """One integration assignment with the owner's report, if readable."""

    assignment: IntegrationAssignment
    report: AssignmentReport | None


@dataclass
class PersonHarvest:
    """One participant's line: goal → question history → assignments → yield."""

    user: User
    is_viewer: bool
    has_left: bool = False
    goal: PersonalGoal | None = None
    questions: list[Any] = field(default_factory=list)
    assignments: list[AssignmentLine] = field(default_factory=list)

    @property
    def has_anything(self) -> bool:
        return bool(self.goal or self.questions or self.assignments)

    @property
    def yields(self) -> list[str]:
        """What the assignments taught, in the order they were done."""
        return [
            a.report.learned for a in self.assignments if a.report and a.report.learned
        ]

    @property
    def status_counts(self) -> dict[str, int]:
        counts = Counter(a.report.status for a in self.assignments if a.report)
        return {status: counts.get(status, 0) for status in AssignmentReport.Status}


@dataclass
class GroupAssignmentLine:
    """A shared assignment of the group and what each reporter learned."""

    assignment: IntegrationAssignment
    yields: list[tuple[str, str]]  # (name, learned)


@dataclass
class ProgressLine:
    entry: ProgressEntry
    author: str


@dataclass
class SessionLine:
    meeting: Meeting
    present: int | None

    @property
    def summary(self) -> str:
        """The summary as the members read it: only once it is published."""
        return self.meeting.summary if self.meeting.summary_is_published else ""


@dataclass
class _People:
    lines: list[PersonHarvest]
    groups: list[IntegrationAssignment]  # the group's shared assignments
    active: list[int]  # user ids of the active participants
    goals_set: int  # how many of them set a personal goal


class Harvest:
    """The period's harvest as ``viewer`` may read it: the page and the PDF.

    Each part is read from the database the first time it is used, so the page
    and the PDF pay only for what they show, a fixed number of queries each.
    ``summary_only`` (a programme lead) leaves out every text of the members:
    progress, yields, the agreements, personal goals and personal lines.
    """

    def __init__(
        self, viewer: User, period: LearningPeriod, membership: Membership | None
    ) -> None:
        self.viewer = viewer
        self.period = period
        self.community: Community = period.community
        self.summary_only = membership is None
        self.viewer_is_coach = membership is not None and membership.is_coaching

    # The collective goals and track

    @cached_property
    def _goals(self) -> dict[str, CollectiveGoal]:
        return _collective_goals(self.period)

    @property
    def content_goal(self) -> CollectiveGoal | None:
        return self._goals.get(Aspect.CONTENT)

    @property
    def yield_goal(self) -> CollectiveGoal | None:
        return self._goals.get(Aspect.LEARNING_YIELD)

    @property
    def goals(self) -> list[CollectiveGoal]:
        order: dict[str, int] = {Aspect.CONTENT: 0, Aspect.LEARNING_YIELD: 1}
        return sorted(self._goals.values(), key=lambda g: order.get(g.aspect, 2))

    @cached_property
    def _track_versions(self) -> list[CollectiveTrackVersion]:
        return list(
            CollectiveTrackVersion.objects.filter(track__period=self.period).order_by(
                "-number"
            )
        )

    @property
    def track(self) -> CollectiveTrackVersion | None:
        return self._track_versions[0] if self._track_versions else None

    @property
    def track_versions(self) -> int:
        return len(self._track_versions)

    @cached_property
    def goal_summary(self) -> HarvestSummary:
        return summary_for(self.period)

    # Progress, with the names their authors allow

    @cached_property
    def _entries(self) -> list[ProgressEntry]:
        return list(
            ProgressEntry.objects.filter(track__period=self.period)
            .select_related("author", "meeting")
            .order_by("happened_on", "created_at", "id")
        )

    @property
    def progress(self) -> list[ProgressLine]:
        if self.summary_only:
            return []
        names = self._names
        return [
            ProgressLine(e, names.name(e.author, e.author_name)) for e in self._entries
        ]

    @property
    def progress_counts(self) -> list[tuple[str, str, int]]:
        counts = Counter(entry.kind for entry in self._entries)
        return [(k.value, str(k.label), counts.get(k, 0)) for k in ProgressEntry.Kind]

    # Sessions

    @cached_property
    def _meetings(self) -> list[Meeting]:
        return list(Meeting.objects.filter(period=self.period).order_by("number"))

    @property
    def sessions_held(self) -> int:
        today = timezone.localdate()
        return sum(1 for meeting in self._meetings if meeting.date < today)

    @property
    def sessions_total(self) -> int:
        return len(self._meetings)

    @cached_property
    def sessions(self) -> list[SessionLine]:
        """Every session with how many were present (once it was held)."""
        present = Counter(
            Attendance.objects.present()
            .filter(meeting__period=self.period)
            .values_list("meeting_id", flat=True)
        )
        today = timezone.localdate()
        return [
            SessionLine(m, present.get(m.pk) if m.date <= today else None)
            for m in self._meetings
        ]

    @property
    def published_summaries(self) -> int:
        return sum(1 for line in self.sessions if line.summary)

    # The people and their lines

    @cached_property
    def _people(self) -> _People:
        return _people_of(self.viewer, self.period)

    @property
    def people(self) -> list[PersonHarvest]:
        return [] if self.summary_only else self._people.lines

    @property
    def own(self) -> PersonHarvest | None:
        return next((p for p in self.people if p.is_viewer), None)

    @cached_property
    def group_assignments(self) -> list[GroupAssignmentLine]:
        """The group's assignments, each with what its reporters learned."""
        if self.summary_only:
            return []
        names = self._names
        return [
            GroupAssignmentLine(
                a, [(names.name(r.author), r.learned) for r in _learned(a)]
            )
            for a in self._people.groups
        ]

    @property
    def participant_count(self) -> int:
        return len(self._people.active)

    @property
    def personal_goal_count(self) -> int:
        return self._people.goals_set

    @cached_property
    def _names(self) -> NameBook:
        reports = [r for a in self._people.groups for r in _learned(a)]
        return NameBook(
            self.community.pk,
            [e.author for e in self._entries] + [r.author for r in reports],
        )

    @cached_property
    def personal_goals(self) -> list[PersonalGoal]:
        """The personal goals shared with the community, as the viewer may read."""
        if self.summary_only:
            return []
        return list(
            PersonalGoal.objects.visible_to(self.viewer, self.community)
            .filter(period=self.period, shared=True)
            .select_related("owner")
            .order_by("owner__display_name")
        )

    @cached_property
    def yields(self) -> list[AssignmentReport]:
        return [] if self.summary_only else shared_yields(self.viewer, self.period)

    # The agreements and the group's tension arc

    @cached_property
    def _agreement(self) -> tuple[AgreementVersion | None, int]:
        """The agreements' current version and how many members confirmed it."""
        agreement = Agreement.objects.filter(period=self.period).first()
        version = agreement.current_version() if agreement else None
        return version, version.confirmations.count() if version else 0

    @property
    def agreement(self) -> AgreementVersion | None:
        return None if self.summary_only else self._agreement[0]

    @property
    def confirmations(self) -> int:
        return self._agreement[1]

    @cached_property
    def _arc(self) -> Any:
        return charts.period_arc(self.period)

    @cached_property
    def arc_svg(self) -> str:
        return charts.render_svg(self._arc)

    @property
    def arc_uri(self) -> str:
        return charts.svg_data_uri(self.arc_svg)

    @cached_property
    def arc_text(self) -> str:
        return charts.describe(self._arc)

    @property
    def is_over(self) -> bool:
        return self.period.end_date < timezone.localdate()


def _collective_goals(period: LearningPeriod) -> dict[str, CollectiveGoal]:
    goals = CollectiveGoal.objects.filter(period=period).prefetch_related("validations")
    return {g.aspect: g for g in goals}


def _sessions(period: LearningPeriod) -> tuple[int, int]:
    counts = Meeting.objects.filter(period=period).aggregate(
        total=Count("pk"), held=Count("pk", filter=Q(date__lt=timezone.localdate()))
    )
    return counts["held"], counts["total"]


def _learned(assignment: IntegrationAssignment) -> list[AssignmentReport]:
    return [r for r in assignment.reports.all() if r.learned]


def _harvested_people(period: LearningPeriod) -> list[Membership]:
    """Active participants, and those who left but agreed to keep their name;
    each with ``has_goal``: whether they set a personal goal for the period
    (readable or not)."""
    consenting = PersonSetting.objects.filter(keep_name_in_shared_history=True)
    return list(
        Membership.objects.participants()
        .filter(community_id=period.community_id)
        .filter(
            Q(status=Membership.Status.ACTIVE)
            | Q(status=Membership.Status.LEFT, user__in=consenting.values("user"))
        )
        .annotate(
            has_goal=Exists(
                PersonalGoal.objects.filter(period=period, owner=OuterRef("user"))
            )
        )
        .select_related("user")
        .order_by("user__display_name")
    )


def _readable(item: Any, has_left: bool) -> bool:
    """A left owner's items stay theirs unless they shared them with the community."""
    return not has_left or item.sharing == Sharing.COMMUNITY


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


def _people_of(viewer: User, period: LearningPeriod) -> _People:
    """Per participant: goal → question history → assignments; the group's own."""
    community = period.community
    memberships = _harvested_people(period)
    left = {m.user_id for m in memberships if not m.is_active}
    people = {
        m.user_id: PersonHarvest(
            user=m.user, is_viewer=m.user_id == viewer.pk, has_left=not m.is_active
        )
        for m in memberships
    }
    for goal in PersonalGoal.objects.visible_to(viewer, community).filter(
        period=period
    ):
        if goal.owner_id in people:
            people[goal.owner_id].goal = goal
    # The question histories, oldest wording first, in one query.
    versions = (
        LearningQuestionVersion.objects.filter(
            question__in=LearningQuestion.objects.visible_to(viewer).filter(
                personal_track__period=period
            )
        )
        .select_related("question__personal_track")
        .order_by("question_id", "number")
    )
    for version in versions:
        owner_id = version.question.personal_track.owner_id
        if owner_id in people and _readable(version.question, owner_id in left):
            people[owner_id].questions.append(version)
    assignments = (
        IntegrationAssignment.objects.visible_to(viewer)
        .filter(period=period)
        .with_reports_for(viewer)
        .order_by("due_date", "id")
    )
    groups = []
    for assignment in assignments:
        if assignment.is_group:
            groups.append(assignment)
        elif assignment.owner_id in people and _readable(
            assignment, assignment.owner_id in left
        ):
            report = assignment.report_by(assignment.owner)
            people[assignment.owner_id].assignments.append(
                AssignmentLine(assignment, report)
            )
    return _People(
        lines=sorted(people.values(), key=lambda p: (not p.is_viewer, p.has_left)),
        groups=groups,
        active=[m.user_id for m in memberships if m.is_active],
        goals_set=sum(m.has_goal for m in memberships if m.is_active),  # type: ignore[attr-defined]
    )


def harvest_for(
    viewer: User, period: LearningPeriod, membership: Membership | None
) -> Harvest:
    """The period's harvest as ``viewer`` may read it; a programme lead (no
    membership) gets the summary only."""
    return Harvest(viewer, period, membership)


@dataclass
class AspectSummary:
    aspect: Aspect
    is_set: bool
    reached: str
    satisfaction: int | None


@dataclass
class HarvestSummary:
    """What a programme lead sees: whether goals are set and evaluated, counts."""

    aspects: list[AspectSummary]
    participant_count: int
    personal_goals_set: int
    personal_reached: dict[str, int]
    has_track: bool
    progress: dict[str, int]
    assignments: int
    assignments_done: int
    sessions_held: int
    sessions_total: int


def summary_for(period: LearningPeriod) -> HarvestSummary:
    goals = _collective_goals(period)
    aspects = [
        AspectSummary(
            aspect=Aspect(aspect),
            is_set=aspect in goals,
            reached=goals[aspect].get_reached_display() if aspect in goals else "",
            satisfaction=goals[aspect].satisfaction if aspect in goals else None,
        )
        for aspect in (Aspect.CONTENT, Aspect.LEARNING_YIELD)
    ]
    participants = (
        Membership.objects.active()
        .participants()
        .filter(community_id=period.community_id)
        .values("user_id")
    )
    personal = PersonalGoal.objects.filter(period=period, owner__in=participants)
    reached = Counter(personal.exclude(reached="").values_list("reached", flat=True))
    progress = Counter(
        ProgressEntry.objects.filter(track__period=period).values_list(
            "kind", flat=True
        )
    )
    assignments = IntegrationAssignment.objects.filter(period=period).aggregate(
        total=Count("pk", distinct=True),
        done=Count(
            "pk",
            distinct=True,
            filter=Q(reports__status=AssignmentReport.Status.DONE),
        ),
    )
    held, total = _sessions(period)
    return HarvestSummary(
        aspects=aspects,
        participant_count=participants.count(),
        personal_goals_set=personal.count(),
        personal_reached={
            str(label): reached.get(value, 0) for value, label in Reached.choices
        },
        has_track=CollectiveTrackVersion.objects.filter(track__period=period).exists(),
        progress={
            str(kind.label): progress.get(kind, 0) for kind in ProgressEntry.Kind
        },
        assignments=assignments["total"],
        assignments_done=assignments["done"],
        sessions_held=held,
        sessions_total=total,
    )

"""The harvest ("oogst") of a learning period, gathered for one viewer.

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
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from leerkring.accounts.models import User
from leerkring.assignments.models import AssignmentReport, IntegrationAssignment
from leerkring.communities.models import Community, LearningPeriod, Membership
from leerkring.meetings.models import Meeting
from leerkring.tracks.models import (
    CollectiveTrackVersion,
    LearningQuestion,
    PersonSetting,
    ProgressEntry,
    Sharing,
)
from leerkring.tracks.people import NameBook

from .models import Aspect, CollectiveGoal, PersonalGoal, Reached


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
class Harvest:
    community: Community
    period: LearningPeriod
    viewer_is_coach: bool
    content_goal: CollectiveGoal | None
    yield_goal: CollectiveGoal | None
    track: CollectiveTrackVersion | None
    track_versions: int
    progress: list[ProgressLine]
    group_assignments: list[GroupAssignmentLine]
    people: list[PersonHarvest]
    personal_goal_count: int
    participant_count: int
    sessions_held: int
    sessions_total: int

    @property
    def own(self) -> PersonHarvest | None:
        return next((p for p in self.people if p.is_viewer), None)

    @property
    def progress_counts(self) -> list[tuple[str, str, int]]:
        counts = Counter(line.entry.kind for line in self.progress)
        return [(k.value, str(k.label), counts.get(k, 0)) for k in ProgressEntry.Kind]

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


def _harvested_people(community: Community) -> list[Membership]:
    """Active participants, and those who left but agreed to keep their name."""
    consenting = PersonSetting.objects.filter(keep_name_in_shared_history=True)
    return list(
        Membership.objects.participants()
        .filter(community=community)
        .filter(
            Q(status=Membership.Status.ACTIVE)
            | Q(status=Membership.Status.LEFT, user__in=consenting.values("user"))
        )
        .select_related("user")
        .order_by("user__display_name")
    )


def _readable(item: Any, has_left: bool) -> bool:
    """A left owner's items stay theirs unless they shared them with the community."""
    return not has_left or item.sharing == Sharing.COMMUNITY


def harvest_for(
    viewer: User, membership: Membership, period: LearningPeriod
) -> Harvest:
    """Everything ``viewer`` (an active member) may see of the period's harvest."""
    community = period.community
    goals = _collective_goals(period)
    memberships = _harvested_people(community)
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
    questions = (
        LearningQuestion.objects.visible_to(viewer)
        .filter(personal_track__period=period)
        .with_history()
    )
    for question in questions:
        owner_id = question.personal_track.owner_id
        if owner_id in people and _readable(question, owner_id in left):
            people[owner_id].questions = question.history
    assignments = (
        IntegrationAssignment.objects.visible_to(viewer)
        .filter(period=period)
        .for_page(viewer)
        .order_by("due_date", "id")
    )
    group_assignments = []
    for assignment in assignments:
        if assignment.is_group:
            group_assignments.append(assignment)
        elif assignment.owner_id in people and _readable(
            assignment, assignment.owner_id in left
        ):
            report = assignment.report_by(assignment.owner)
            people[assignment.owner_id].assignments.append(
                AssignmentLine(assignment, report)
            )
    versions = list(
        CollectiveTrackVersion.objects.filter(track__period=period).order_by("-number")
    )
    entries = list(
        ProgressEntry.objects.filter(track__period=period)
        .select_related("author", "meeting")
        .order_by("happened_on", "created_at", "id")
    )
    reports = [r for a in group_assignments for r in a.reports.all() if r.learned]
    names = NameBook(
        community.pk, [e.author for e in entries] + [r.author for r in reports]
    )
    held, total = _sessions(period)
    ordered = sorted(people.values(), key=lambda p: (not p.is_viewer, p.has_left))
    return Harvest(
        community=community,
        period=period,
        viewer_is_coach=membership.is_coaching,
        content_goal=goals.get(Aspect.CONTENT),
        yield_goal=goals.get(Aspect.LEARNING_YIELD),
        track=versions[0] if versions else None,
        track_versions=len(versions),
        progress=[
            ProgressLine(e, names.name(e.author, e.author_name)) for e in entries
        ],
        group_assignments=[
            GroupAssignmentLine(
                a,
                [
                    (names.name(r.author), r.learned)
                    for r in a.reports.all()
                    if r.learned
                ],
            )
            for a in group_assignments
        ],
        people=ordered,
        personal_goal_count=PersonalGoal.objects.filter(
            period=period, owner__in=[m.user_id for m in memberships if m.is_active]
        ).count(),
        participant_count=len(memberships) - len(left),
        sessions_held=held,
        sessions_total=total,
    )


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

"""The harvest ("oogst") of a learning period, gathered for one viewer.

Both tracks over the whole period: the collective line ambition → goal →
progress → result, and per person their goal, question history, integration
assignments and learning yield. What a viewer may read follows DESIGN.md §5:
private parts only to their owner and the coaches, shared parts to the other
members, only counts to the programme lead. The number of queries is fixed: it
does not grow with participants or entries.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from leerkring.accounts.models import User
from leerkring.communities.models import Community, LearningPeriod, Membership

from .models import Aspect, CollectiveGoal, PersonalGoal, Reached


@dataclass
class PersonHarvest:
    """One participant's line: goal → question history → assignments → yield."""

    user: User
    is_viewer: bool
    goal: PersonalGoal | None = None
    questions: list[Any] = field(default_factory=list)
    assignments: list[Any] = field(default_factory=list)

    @property
    def has_anything(self) -> bool:
        return bool(self.goal or self.questions or self.assignments)


@dataclass
class Harvest:
    community: Community
    period: LearningPeriod
    viewer_is_coach: bool
    content_goal: CollectiveGoal | None
    yield_goal: CollectiveGoal | None
    people: list[PersonHarvest]
    personal_goal_count: int
    participant_count: int

    @property
    def own(self) -> PersonHarvest | None:
        return next((p for p in self.people if p.is_viewer), None)


def _collective_goals(period: LearningPeriod) -> dict[str, CollectiveGoal]:
    return {g.aspect: g for g in CollectiveGoal.objects.filter(period=period)}


def harvest_for(
    viewer: User, membership: Membership, period: LearningPeriod
) -> Harvest:
    """Everything ``viewer`` (an active member) may see of the period's harvest."""
    community = period.community
    goals = _collective_goals(period)
    participants = list(
        Membership.objects.active()
        .participants()
        .filter(community=community)
        .select_related("user")
        .order_by("user__display_name")
    )
    visible_goals = {
        g.owner_id: g
        for g in PersonalGoal.objects.visible_to(viewer, community).filter(
            period=period
        )
    }
    people = [
        PersonHarvest(
            user=m.user,
            is_viewer=m.user_id == viewer.pk,
            goal=visible_goals.get(m.user_id),
        )
        for m in participants
    ]
    people.sort(key=lambda p: not p.is_viewer)
    return Harvest(
        community=community,
        period=period,
        viewer_is_coach=membership.is_coaching,
        content_goal=goals.get(Aspect.CONTENT),
        yield_goal=goals.get(Aspect.LEARNING_YIELD),
        people=people,
        personal_goal_count=PersonalGoal.objects.filter(
            period=period, owner__in=[m.user_id for m in participants]
        ).count(),
        participant_count=len(participants),
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
    return HarvestSummary(
        aspects=aspects,
        participant_count=participants.count(),
        personal_goals_set=personal.count(),
        personal_reached={
            str(label): reached.get(value, 0) for value, label in Reached.choices
        },
    )

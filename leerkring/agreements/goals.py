"""Reading the goals of a period (the writing is in ``actions``)."""

from __future__ import annotations

from leerkring.accounts.models import User
from leerkring.communities.models import LearningPeriod
from leerkring.tracks.models import CollectiveTrackVersion

from .models import CollectiveGoal, PersonalGoal


def collective_goal_or_none(
    period: LearningPeriod, aspect: str
) -> CollectiveGoal | None:
    return CollectiveGoal.objects.filter(period=period, aspect=aspect).first()


def personal_goal_or_none(period: LearningPeriod, owner: User) -> PersonalGoal | None:
    return PersonalGoal.objects.filter(period=period, owner=owner).first()


def collective_track_goal(period: LearningPeriod) -> str:
    """The concrete goal of the period's collective track, once it has one."""
    version = (
        CollectiveTrackVersion.objects.filter(track__period=period)
        .order_by("-number")
        .first()
    )
    return version.goal if version else ""

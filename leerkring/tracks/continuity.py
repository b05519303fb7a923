"""What a new learning period carries over from the previous one (issue 15).

The method is a cycle (seed §1.4: "een volgende leerperiode … desgewenst in een
nieuwe samenstelling"). When a community starts a new period — a leergang or a
self-run period — the long-term parts of both tracks come along, for each member
to keep or revise:

* the collective ambition (4a, long-term by definition), the organisation's
  strategic goal and the SDGs become version 1 of the new collective track; the
  concrete goal and the assignment (4b, "for this period") only when the
  community asks for it (:func:`carry_over_goal`);
* for every member who is still active in the community: their mission, their
  qualities and pitfalls (Ofman quadrant) and the last wording of their learning
  question, as the first version of the new question, linked to the old one
  (``carried_from``).

Nothing private becomes visible to anyone new: every carried-over private item
starts as "only me and the coaches", whatever it was before — the owner shares it
again if they want to. Members who left get nothing new; their old tracks stay
where they were.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from leerkring.agreements.continuation import depart
from leerkring.communities.models import LearningPeriod, Membership, Sharing

from .actions import TrackError, edit_collective_track
from .models import (
    CollectiveTrack,
    CollectiveTrackVersion,
    LearningQuestion,
    LearningQuestionVersion,
    PersonalTrack,
    QualityPitfall,
)

if TYPE_CHECKING:
    from leerkring.accounts.models import User

# What "for this period" means on the collective track: carried over on request.
PERIOD_FIELDS = ("goal", "assignment_do", "assignment_result")


def previous_period(period: LearningPeriod) -> LearningPeriod | None:
    """The community's period that started last before this one."""
    return (
        LearningPeriod.objects.filter(
            community_id=period.community_id, start_date__lt=period.start_date
        )
        .order_by("-start_date")
        .first()
    )


def _last_version(period: LearningPeriod) -> CollectiveTrackVersion | None:
    return (
        CollectiveTrackVersion.objects.filter(track__period=period)
        .order_by("-number")
        .first()
    )


def _carried_note(previous: LearningPeriod) -> str:
    return _("Carried over from “%(period)s”.") % {"period": previous}


def carry_over(period: LearningPeriod, actor: User) -> None:
    """Start ``period``'s tracks from the previous period's (see the module).

    Called inside the transaction that creates the period; a first period, or one
    whose predecessor had nothing yet, starts empty. First, whoever said at the
    previous harvest that they leave, leaves (``agreements.continuation``).
    """
    previous = previous_period(period)
    if previous is None:
        return
    depart(previous=previous, actor=actor)
    _carry_collective(previous, period)
    _carry_personal(previous, period)


def _carry_collective(previous: LearningPeriod, period: LearningPeriod) -> None:
    last = _last_version(previous)
    if last is None:
        return
    track = CollectiveTrack.objects.create(period=period, version=1)
    CollectiveTrackVersion.objects.create(
        track=track,
        number=1,
        ambition=last.ambition,
        strategic_goal=last.strategic_goal,
        sdgs=last.sdgs,
        note=_carried_note(previous),
    )


def _carry_personal(previous: LearningPeriod, period: LearningPeriod) -> None:
    staying = Membership.objects.filter(
        community_id=period.community_id, status=Membership.Status.ACTIVE
    ).values("user_id")
    old_tracks = list(
        PersonalTrack.objects.filter(period=previous, owner_id__in=staying)
        .select_related("learning_question")
        .prefetch_related("qualities", "learning_question__versions")
    )
    if not old_tracks:
        return
    new_tracks = PersonalTrack.objects.bulk_create(
        PersonalTrack(
            period=period,
            owner_id=old.owner_id,
            mission=old.mission,
            mission_sharing=Sharing.COACHES,
            mission_updated_at=old.mission_updated_at,
            carried_from=old,
        )
        for old in old_tracks
    )
    QualityPitfall.objects.bulk_create(
        QualityPitfall(
            personal_track=new,
            quality=item.quality,
            pitfall=item.pitfall,
            challenge=item.challenge,
            allergy=item.allergy,
            sharing=Sharing.COACHES,
        )
        for old, new in zip(old_tracks, new_tracks, strict=True)
        for item in old.qualities.all()
    )
    questions = []
    texts = []
    for old, new in zip(old_tracks, new_tracks, strict=True):
        old_question = getattr(old, "learning_question", None)
        current = old_question.current if old_question else None
        if current is None:
            continue
        questions.append(
            LearningQuestion(
                personal_track=new,
                version=1,
                sharing=Sharing.COACHES,
                carried_from=old_question,
            )
        )
        texts.append(current.text)
    LearningQuestion.objects.bulk_create(questions)
    note = _carried_note(previous)
    LearningQuestionVersion.objects.bulk_create(
        LearningQuestionVersion(question=question, number=1, text=text, note=note)
        for question, text in zip(questions, texts, strict=True)
    )


def goal_to_carry(period: LearningPeriod) -> CollectiveTrackVersion | None:
    """The previous period's last version, if its goal can still be carried over:
    it had one and this period has none yet."""
    previous = previous_period(period)
    if previous is None:
        return None
    last = _last_version(previous)
    if last is None or not last.goal:
        return None
    current = _last_version(period)
    if current is not None and current.goal:
        return None
    return last


@transaction.atomic
def carry_over_goal(*, period: LearningPeriod, actor: User) -> CollectiveTrackVersion:
    """The community wants last period's goal and assignment again: a new version
    of this period's track with them (the ambition as it is now)."""
    last = goal_to_carry(period)
    if last is None:
        raise TrackError(
            _("There is no goal to carry over: this period has one already.")
        )
    current = _last_version(period)
    base = current if current is not None else last
    return edit_collective_track(
        period=period,
        actor=actor,
        version=current.number if current is not None else 0,
        ambition=base.ambition,
        goal=last.goal,
        assignment_do=last.assignment_do,
        assignment_result=last.assignment_result,
        strategic_goal=base.strategic_goal,
        sdgs=base.sdgs,
        note=_carried_note(previous_period(period) or period),
    )

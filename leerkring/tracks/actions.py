"""Workflows on the two tracks: each one atomic; concurrent edits never lose data.

An edit names the version it was based on. When someone else saved in between,
``claim`` refuses the save with ``Stale`` carrying the current row, so the page can
show it next to what the person typed.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.accounts.models import User
from leerkring.communities.models import LearningPeriod
from leerkring.core import audit
from leerkring.core.concurrency import claim
from leerkring.core.models import AuditAction
from leerkring.meetings.models import Meeting

from .models import (
    CollectiveTrack,
    CollectiveTrackVersion,
    LearningQuestion,
    LearningQuestionVersion,
    PersonalTrack,
    PersonSetting,
    ProgressEntry,
    QualityPitfall,
)


class TrackError(Exception):
    """The change is refused; the message is translated and says why."""


def record_sharing(*, actor: User, target: object, before: str, after: str) -> None:
    """Audit a change of who may read a private item (never its content)."""
    if before != after:
        audit.record(
            AuditAction.SHARING_CHANGED,
            actor=actor,
            target=target,
            before=before,
            after=after,
        )


def _locked_track(period: LearningPeriod) -> CollectiveTrack:
    track, _created = CollectiveTrack.objects.get_or_create(period=period)
    return CollectiveTrack.objects.select_for_update().get(pk=track.pk)


@transaction.atomic
def edit_collective_track(
    *,
    period: LearningPeriod,
    actor: User,
    version: int,
    ambition: str,
    goal: str,
    assignment_do: str,
    assignment_result: str,
    strategic_goal: str,
    sdgs: list[int],
    note: str = "",
) -> CollectiveTrackVersion:
    """Save an edit of the collective track as a new version.

    Refused when ``version`` is not the current one (``Stale``: someone else
    saved in between) and when nothing changed.
    """
    track = _locked_track(period)
    claim(track, version)
    current = track.versions.order_by("-number").first()
    content = {
        "ambition": ambition.strip(),
        "goal": goal.strip(),
        "assignment_do": assignment_do.strip(),
        "assignment_result": assignment_result.strip(),
        "strategic_goal": strategic_goal.strip(),
        "sdgs": sorted(set(sdgs)),
    }
    if current is not None and all(
        getattr(current, name) == value for name, value in content.items()
    ):
        raise TrackError(_("Nothing changed compared to the current version."))
    track.save(update_fields=["version", "updated_at"])
    return CollectiveTrackVersion.objects.create(
        track=track,
        number=track.version,
        author=actor,
        author_name=actor.display_name,
        note=note.strip(),
        **content,
    )


@transaction.atomic
def add_progress_entry(
    *,
    period: LearningPeriod,
    actor: User,
    kind: str,
    text: str,
    meeting: Meeting | None = None,
    happened_on: date | None = None,
) -> ProgressEntry:
    """Record a success, setback, decision or question on the collective track."""
    if meeting is not None and meeting.period_id != period.pk:
        raise TrackError(_("This session belongs to another learning period."))
    if happened_on is None:
        happened_on = meeting.date if meeting is not None else timezone.localdate()
    track, _created = CollectiveTrack.objects.get_or_create(period=period)
    return ProgressEntry.objects.create(
        track=track,
        kind=kind,
        text=text.strip(),
        meeting=meeting,
        happened_on=happened_on,
        author=actor,
        author_name=actor.display_name,
    )


def _own_track(period: LearningPeriod, owner: User) -> PersonalTrack:
    track, _created = PersonalTrack.objects.get_or_create(period=period, owner=owner)
    return track


@transaction.atomic
def set_learning_question(
    *,
    period: LearningPeriod,
    owner: User,
    version: int,
    text: str,
    sharing: str,
    note: str = "",
) -> LearningQuestion:
    """Formulate or sharpen the owner's learning question.

    A changed wording becomes a new version (with date and optional note); the
    earlier wordings stay as the history. Changing only who may read it keeps
    the version.
    """
    track = _own_track(period, owner)
    question, _created = LearningQuestion.objects.get_or_create(personal_track=track)
    question = LearningQuestion.objects.select_for_update().get(pk=question.pk)
    text = text.strip()
    current = question.versions.order_by("-number").first()
    text_changed = current is None or current.text != text
    if text_changed or question.version != version:
        # A new wording is a new version; a stale form is refused either way.
        claim(question, version)
    if text_changed:
        LearningQuestionVersion.objects.create(
            question=question, number=question.version, text=text, note=note.strip()
        )
    elif sharing == question.sharing:
        raise TrackError(_("Nothing changed compared to the current version."))
    if not _created:
        record_sharing(
            actor=owner,
            target=question,
            before=question.sharing,
            after=sharing,
        )
    question.sharing = sharing
    question.save(update_fields=["version", "sharing"])
    return question


@transaction.atomic
def add_quality(
    *,
    period: LearningPeriod,
    owner: User,
    quality: str,
    pitfall: str = "",
    challenge: str = "",
    allergy: str = "",
    sharing: str,
) -> QualityPitfall:
    """Add a quality (and its pitfall, or a whole core quadrant) to a track."""
    return QualityPitfall.objects.create(
        personal_track=_own_track(period, owner),
        quality=quality.strip(),
        pitfall=pitfall.strip(),
        challenge=challenge.strip(),
        allergy=allergy.strip(),
        sharing=sharing,
    )


@transaction.atomic
def update_quality(*, item: QualityPitfall, owner: User, **fields: str) -> None:
    """Change a quality (or its quadrant) and who may read it."""
    item = QualityPitfall.objects.select_for_update().get(pk=item.pk)
    record_sharing(
        actor=owner,
        target=item,
        before=item.sharing,
        after=fields.get("sharing", item.sharing),
    )
    for name, value in fields.items():
        setattr(item, name, value.strip())
    item.save()


@transaction.atomic
def set_mission(
    *, period: LearningPeriod, owner: User, mission: str, sharing: str
) -> PersonalTrack:
    """Write the personal mission or ambition and who may read it."""
    track = PersonalTrack.objects.select_for_update().get(
        pk=_own_track(period, owner).pk
    )
    record_sharing(
        actor=owner,
        target=f"tracks.personaltrack:{track.pk}:mission",
        before=track.mission_sharing,
        after=sharing,
    )
    track.mission = mission.strip()
    track.mission_sharing = sharing
    track.mission_updated_at = timezone.now()
    track.save(update_fields=["mission", "mission_sharing", "mission_updated_at"])
    return track


@transaction.atomic
def set_name_consent(*, user: User, keep_name: bool) -> PersonSetting:
    """Record whether shared history may keep this person's name after they leave."""
    setting, _created = PersonSetting.objects.select_for_update().get_or_create(
        user=user
    )
    setting.keep_name_in_shared_history = keep_name
    setting.decided_at = timezone.now()
    setting.save()
    return setting

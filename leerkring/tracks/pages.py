"""What the track pages show, gathered in a fixed number of queries.

Every private item passes through its ``visible_to(user)`` here, so a page can only
render what its viewer may read.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from leerkring.accounts.models import User
from leerkring.communities.models import Community, LearningPeriod, Membership, Sharing
from leerkring.communities.periods import PeriodChoice
from leerkring.core.diff import compare
from leerkring.meetings.intervision.pages import takeaways
from leerkring.meetings.models import Meeting

from .continuity import goal_to_carry
from .forms import (
    LearningQuestionForm,
    MissionForm,
    NameConsentForm,
    ProgressEntryForm,
    QualityForm,
)
from .models import (
    CollectiveTrack,
    CollectiveTrackVersion,
    LearningQuestion,
    PersonalTrack,
    PersonSetting,
    ProgressEntry,
    QualityPitfall,
)
from .people import NameBook


def current_version(track: CollectiveTrack | None) -> CollectiveTrackVersion | None:
    if track is None:
        return None
    return track.versions.select_related("author").order_by("-number").first()


def progress_counts(track: CollectiveTrack | None) -> list[tuple[str, int]]:
    """How many entries of each kind: the summary a programme lead sees."""
    if track is None:
        return []
    counts = dict(
        track.progress.values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    return [
        (str(label), counts.get(kind, 0)) for kind, label in ProgressEntry.Kind.choices
    ]


def collective_context(
    community: Community,
    membership: Membership | None,
    user: User,
    choice: PeriodChoice,
    progress_form: ProgressEntryForm | None = None,
) -> dict[str, Any]:
    period = choice.period
    track = CollectiveTrack.objects.filter(period=period).first() if period else None
    current = current_version(track)
    is_member = membership is not None
    entries: list[ProgressEntry] = []
    if is_member and track is not None:
        entries = list(track.progress.select_related("author", "meeting"))
    names = NameBook(
        community.pk, [e.author for e in entries] + [current and current.author]
    )
    return {
        "community": community,
        "choice": choice,
        "period": period,
        "track": track,
        "current": current,
        "goal_to_carry": goal_to_carry(period)
        if period and choice.is_current
        else None,
        "current_author": current and names.name(current.author, current.author_name),
        "is_member": is_member,
        "entries": [(e, names.name(e.author, e.author_name)) for e in entries],
        "counts": [] if is_member else progress_counts(track),
        "progress_form": progress_form or ProgressEntryForm(period=period),
    }


def history_context(
    community: Community, period: LearningPeriod | None
) -> dict[str, Any]:
    versions = list(
        CollectiveTrackVersion.objects.filter(track__period=period)
        .select_related("author")
        .order_by("number")
    )
    names = NameBook(community.pk, [v.author for v in versions])
    rows = []
    previous = None
    for version in versions:
        rows.append(
            {
                "version": version,
                "author": names.name(version.author, version.author_name),
                "changes": version_changes(previous, version),
            }
        )
        previous = version
    return {"period": period, "rows": list(reversed(rows))}


def _label(name: str) -> str:
    field = CollectiveTrackVersion._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


def version_changes(
    previous: CollectiveTrackVersion | None, version: CollectiveTrackVersion
) -> list[dict[str, Any]]:
    """Per changed field: its label and a word diff (the first version: all new)."""
    changes: list[dict[str, Any]] = []
    for name in CollectiveTrackVersion.FIELDS:
        old = getattr(previous, name) if previous else ""
        new = getattr(version, name)
        if old != new:
            changes.append({"label": _label(name), "segments": compare(old, new)})
    old_sdgs = set(previous.sdgs) if previous else set()
    new_sdgs = set(version.sdgs)
    if old_sdgs != new_sdgs:
        from .models import SDG

        changes.append(
            {
                "label": _label("sdgs"),
                "added": [SDG(n).label for n in sorted(new_sdgs - old_sdgs)],
                "removed": [SDG(n).label for n in sorted(old_sdgs - new_sdgs)],
            }
        )
    return changes


def _own_assignments(period: LearningPeriod, user: User) -> list[Any]:
    from leerkring.assignments.models import IntegrationAssignment

    return list(
        IntegrationAssignment.objects.filter(period=period)
        .filter(Q(owner=user) | Q(owner__isnull=True, reports__author=user))
        .distinct()
        .for_page(user)
        .order_by("due_date", "id")
    )


def _question_of(track: PersonalTrack | None) -> LearningQuestion | None:
    """The track's learning question as loaded with it, if it has one."""
    try:
        return track.learning_question if track else None
    except LearningQuestion.DoesNotExist:
        return None


def my_track_context(
    community: Community,
    user: User,
    choice: PeriodChoice,
    *,
    question_form: LearningQuestionForm | None = None,
    quality_form: QualityForm | None = None,
    mission_form: MissionForm | None = None,
) -> dict[str, Any]:
    period = choice.period
    track = (
        PersonalTrack.objects.filter(period=period, owner=user)
        .select_related("learning_question")
        .prefetch_related("learning_question__versions", "qualities")
        .first()
        if period
        else None
    )
    question = _question_of(track)
    current = question.current if question else None
    setting = PersonSetting.objects.filter(user=user).first()
    session = (
        Meeting.objects.upcoming().filter(period=period).order_by("date").first()
        or Meeting.objects.filter(period=period).order_by("-date").first()
        if period
        else None
    )
    return {
        "session": session,
        "community": community,
        "choice": choice,
        "period": period,
        "track": track,
        "question": question,
        "qualities": list(track.qualities.all()) if track else [],
        "assignments": _own_assignments(period, user) if period else [],
        "takeaways": takeaways(community, user),
        "question_form": question_form
        or LearningQuestionForm(
            initial={
                "version": question.version if question else 0,
                "text": current.text if current else "",
                "sharing": question.sharing if question else Sharing.COACHES,
            }
        ),
        "quality_form": quality_form or QualityForm(),
        "mission_form": mission_form
        or MissionForm(
            initial={
                "mission": track.mission if track else "",
                "sharing": track.mission_sharing if track else Sharing.COACHES,
            }
        ),
        "consent_form": NameConsentForm(
            initial={"keep_name": bool(setting and setting.keep_name_in_shared_history)}
        ),
    }


def overview_context(
    community: Community,
    membership: Membership | None,
    user: User,
    choice: PeriodChoice,
) -> dict[str, Any]:
    period = choice.period
    is_coach = membership is not None and membership.is_coaching
    participants = list(
        community.memberships.active().participants().select_related("user")
    )
    tracks = {t.owner_id: t for t in PersonalTrack.objects.filter(period=period)}
    questions = {
        q.personal_track.owner_id: q
        for q in LearningQuestion.objects.visible_to(user)
        .filter(personal_track__period=period)
        .with_history()
    }
    quality_counts = dict(
        QualityPitfall.objects.visible_to(user)
        .filter(personal_track__period=period)
        .values_list("personal_track__owner")
        .annotate(n=Count("id"))
        .values_list("personal_track__owner", "n")
    )
    rows = []
    for member in participants:
        track = tracks.get(member.user_id)
        if track is None and not choice.is_current:
            continue  # an earlier period shows the tracks it had
        mission = ""
        if track and track.mission_visible_to(user, is_coach=is_coach):
            mission = track.mission
        rows.append(
            {
                "user": member.user,
                "track": track,
                "question": questions.get(member.user_id),
                "qualities": quality_counts.get(member.user_id, 0),
                "mission": mission,
                "is_self": member.user_id == user.pk,
            }
        )
    return {
        "community": community,
        "choice": choice,
        "period": period,
        "rows": rows,
        "is_coach": is_coach,
        "meetings": list(Meeting.objects.filter(period=period)) if period else [],
    }


def person_context(track: PersonalTrack, user: User) -> dict[str, Any]:
    from leerkring.assignments.models import IntegrationAssignment
    from leerkring.communities.roles import is_coach as coaches

    community = track.period.community
    is_coach = coaches(user, community.pk)
    question = (
        LearningQuestion.objects.visible_to(user)
        .with_history()
        .filter(personal_track=track)
        .first()
    )
    return {
        "community": community,
        "track": track,
        "owner": track.owner,
        "question": question,
        "qualities": list(
            QualityPitfall.objects.visible_to(user).filter(personal_track=track)
        ),
        "mission": track.mission
        if track.mission_visible_to(user, is_coach=is_coach)
        else "",
        "assignments": list(
            IntegrationAssignment.objects.visible_to(user)
            .filter(period=track.period, owner=track.owner)
            .for_page(user)
        ),
        "is_coach": is_coach,
    }

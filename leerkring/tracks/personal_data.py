"""A person's data in the two tracks: what they take with them, what erasing does.

Their individual development tracks (mission, qualities and pitfalls, learning
question with every version) are theirs: exported, and deleted on erase. What they
added to the collective track (versions, progress entries) is the community's
history and stays; it keeps their name only if they agreed
(``PersonSetting.keep_name_in_shared_history``), otherwise it reads "a former
member". The choice is a per-person setting, independent of memberships: every
shared row stores its author's name when written, and erasing clears that name
unless the person agreed.
"""

from __future__ import annotations

from typing import Any

from .models import (
    CollectiveTrackVersion,
    PersonalTrack,
    PersonSetting,
    ProgressEntry,
)
from .people import keeps_name


def export(user: Any) -> dict[str, Any]:
    tracks = (
        PersonalTrack.objects.filter(owner=user)
        .select_related("period__community", "learning_question")
        .prefetch_related("qualities", "learning_question__versions")
    )
    setting = PersonSetting.objects.filter(user=user).first()
    return {
        "keep_name_in_shared_history": bool(
            setting and setting.keep_name_in_shared_history
        ),
        "personal_tracks": [_track(track) for track in tracks],
        "collective_track_versions": [
            {
                "community": v.track.period.community.name,
                "period": str(v.track.period),
                "version": v.number,
                "ambition": v.ambition,
                "goal": v.goal,
                "assignment_do": v.assignment_do,
                "assignment_result": v.assignment_result,
                "strategic_goal": v.strategic_goal,
                "sdgs": v.sdgs,
                "note": v.note,
                "created_at": v.created_at.isoformat(),
            }
            for v in CollectiveTrackVersion.objects.filter(author=user).select_related(
                "track__period__community"
            )
        ],
        "progress_entries": [
            {
                "community": e.track.period.community.name,
                "kind": e.kind,
                "text": e.text,
                "date": e.happened_on.isoformat(),
                "session": e.meeting.number if e.meeting else None,
            }
            for e in ProgressEntry.objects.filter(author=user).select_related(
                "track__period__community", "meeting"
            )
        ],
    }


def _track(track: PersonalTrack) -> dict[str, Any]:
    question = getattr(track, "learning_question", None)
    return {
        "community": track.period.community.name,
        "period": str(track.period),
        "mission": track.mission,
        "mission_sharing": track.mission_sharing,
        "qualities": [
            {
                "quality": q.quality,
                "pitfall": q.pitfall,
                "challenge": q.challenge,
                "allergy": q.allergy,
                "sharing": q.sharing,
            }
            for q in track.qualities.all()
        ],
        "learning_question": None
        if question is None
        else {
            "sharing": question.sharing,
            "versions": [
                {
                    "version": v.number,
                    "text": v.text,
                    "note": v.note,
                    "date": v.created_at.isoformat(),
                }
                for v in question.history
            ],
        },
    }


def erase(user: Any) -> None:
    """Delete the private tracks; detach (and unless agreed, unname) shared rows."""
    kept = keeps_name(user)
    for model in (CollectiveTrackVersion, ProgressEntry):
        rows = model.objects.filter(author=user)
        if kept:
            rows.update(author=None)
        else:
            rows.update(author=None, author_name="")
    PersonalTrack.objects.filter(owner=user).delete()
    # The PersonSetting stays with the anonymised account: it records the consent
    # under which the name was kept, and assignments.personal_data reads it too.

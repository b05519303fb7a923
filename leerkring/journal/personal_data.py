"""A person's journal to take along, and forgetting it (DESIGN.md §5).

Export: their entries (with what the mirror saw and the feedback published on
them), their drafts, the comments and coach feedback they wrote elsewhere, and
their mirror settings. Erase: their entries (with everything hanging on them),
drafts and settings are deleted; comments and feedback they wrote on other
people's entries stay for those people, anonymised ("a former member").
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from .models import (
    CoachFeedback,
    Comment,
    Draft,
    JournalSetting,
    Reflection,
    ReflectionAssessment,
)


def _assessment(item: ReflectionAssessment) -> dict[str, Any]:
    return {
        "entry_version": item.reflection_version,
        "outcome": item.outcome,
        "level": item.level,
        "language": item.language,
        "evidence": item.evidence,
        "next_prompt": item.next_prompt,
        "certainty": item.certainty,
        "summary": item.summary,
        "model_version": item.model_version,
        "created_at": item.created_at.isoformat(),
    }


def export(user: Any) -> dict[str, Any]:
    published = CoachFeedback.objects.filter(
        status=CoachFeedback.Status.PUBLISHED
    ).select_related("coach")
    entries = (
        Reflection.objects.filter(author=user)
        .select_related("community", "meeting")
        .prefetch_related(
            "assessments",
            Prefetch("feedback", queryset=published),
            Prefetch("comments", queryset=Comment.objects.select_related("author")),
        )
        .order_by("created_at", "id")
    )
    setting = JournalSetting.for_user(user)
    return {
        "settings": {
            "mirror_enabled": setting.mirror_enabled,
            "coaches_see_mirror": setting.coaches_see_mirror,
        },
        "reflections": [
            {
                "id": entry.pk,
                "community": entry.community.name,
                "session": entry.meeting.number if entry.meeting else None,
                "title": entry.title,
                "body": entry.body,
                "visibility": entry.visibility,
                "created_at": entry.created_at.isoformat(),
                "updated_at": entry.updated_at.isoformat(),
                "assessments": [_assessment(a) for a in entry.assessments.all()],
                "coach_feedback": [
                    {
                        "coach": f.coach.display_name if f.coach else None,
                        "body": f.body,
                        "published_at": f.published_at.isoformat()
                        if f.published_at
                        else None,
                    }
                    for f in entry.feedback.all()
                ],
                "comments": [
                    {
                        "author": c.author.display_name if c.author else None,
                        "body": c.body,
                        "created_at": c.created_at.isoformat(),
                    }
                    for c in entry.comments.all()
                ],
            }
            for entry in entries
        ],
        "drafts": [
            {
                "entry_id": d.reflection_id,
                "title": d.title,
                "body": d.body,
                "updated_at": d.updated_at.isoformat(),
            }
            for d in Draft.objects.filter(user=user)
        ],
        "comments_written": [
            {
                "entry_id": c.reflection_id,
                "body": c.body,
                "created_at": c.created_at.isoformat(),
            }
            for c in Comment.objects.filter(author=user).exclude(
                reflection__author=user
            )
        ],
        "feedback_written": [
            {
                "entry_id": f.reflection_id,
                "body": f.body,
                "status": f.status,
                "published_at": f.published_at.isoformat() if f.published_at else None,
            }
            for f in CoachFeedback.objects.filter(coach=user)
        ],
    }


def erase(user: Any) -> None:
    Draft.objects.filter(user=user).delete()
    Reflection.objects.filter(author=user).delete()
    Comment.objects.filter(author=user).update(author=None)
    CoachFeedback.objects.filter(coach=user, status=CoachFeedback.Status.DRAFT).delete()
    CoachFeedback.objects.filter(coach=user).update(coach=None)
    JournalSetting.objects.filter(user=user).delete()

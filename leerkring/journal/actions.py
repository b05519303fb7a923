"""Workflows on the journal: each atomic; mail and the mirror run after commit."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils import timezone

from leerkring.accounts.models import User
from leerkring.assignments.models import IntegrationAssignment
from leerkring.communities.models import Community
from leerkring.core import audit
from leerkring.core.concurrency import claim
from leerkring.core.models import AuditAction
from leerkring.meetings.models import Meeting
from leerkring.tracks.models import LearningQuestion

from .models import (
    CoachFeedback,
    Comment,
    Draft,
    JournalSetting,
    Reflection,
    Visibility,
)
from .tasks import assess_reflection, send_feedback_notice


def _request_assessment(reflection: Reflection) -> None:
    if JournalSetting.for_user(reflection.author).mirror_enabled:
        transaction.on_commit(
            partial(assess_reflection.enqueue, reflection.pk, reflection.version)
        )


@transaction.atomic
def write_reflection(
    *,
    author: User,
    community: Community,
    title: str,
    body: str,
    meeting: Meeting | None = None,
    assignment: IntegrationAssignment | None = None,
    learning_question: LearningQuestion | None = None,
    visibility: str = Visibility.PRIVATE,
) -> Reflection:
    """Save a new entry, drop the author's new-entry draft, ask the mirror."""
    reflection = Reflection.objects.create(
        author=author,
        community=community,
        title=title,
        body=body,
        meeting=meeting,
        assignment=assignment,
        learning_question=learning_question,
        visibility=visibility,
    )
    Draft.objects.filter(
        user=author, community=community, reflection__isnull=True
    ).delete()
    _request_assessment(reflection)
    return reflection


@transaction.atomic
def edit_reflection(
    *,
    reflection: Reflection,
    author: User,
    version: int | None,
    title: str,
    body: str,
    meeting: Meeting | None,
    visibility: str,
    assignment: IntegrationAssignment | None = None,
    learning_question: LearningQuestion | None = None,
) -> Reflection:
    """Save a new version, refusing if another tab saved since ``version``."""
    current = Reflection.objects.select_for_update().get(pk=reflection.pk)
    text_changed = (title, body) != (current.title, current.body)
    if text_changed or version != current.version:
        # A new text is a new version (the mirror reads that one); an edit
        # against an older version is refused whatever it changes.
        claim(current, version)
    changes = {
        "title": title,
        "body": body,
        "meeting": meeting,
        "assignment": assignment,
        "learning_question": learning_question,
    }
    for field, value in changes.items():
        setattr(current, field, value)
    current.save()
    if visibility != current.visibility:
        change_visibility(reflection=current, author=author, visibility=visibility)
    Draft.objects.filter(user=author, reflection=current).delete()
    if text_changed:
        _request_assessment(current)
    return current


@transaction.atomic
def change_visibility(
    *, reflection: Reflection, author: User, visibility: str
) -> Reflection:
    """Share an entry with the coaches or the community, or make it private again.

    Comments stay stored but are shown only while the entry is shared with the
    community; feedback drafts of coaches become unreachable while it is private.
    """
    before = reflection.visibility
    Reflection.objects.filter(pk=reflection.pk).update(visibility=visibility)
    reflection.visibility = visibility
    audit.record(
        AuditAction.SHARING_CHANGED,
        actor=author,
        target=reflection,
        before=before,
        after=visibility,
    )
    return reflection


@transaction.atomic
def delete_reflection(*, reflection: Reflection, author: User) -> None:
    """Remove an entry with its drafts, assessments, feedback and comments."""
    Draft.objects.filter(reflection=reflection).delete()
    reflection.delete()


@transaction.atomic
def save_draft(
    *,
    user: User,
    community: Community,
    reflection: Reflection | None,
    title: str,
    body: str,
    version: int | None,
) -> Draft:
    """Keep the text being written. A draft written by another tab since
    ``version`` is never overwritten: `Stale` carries it instead."""
    lookup = {"user": user, "community": community, "reflection": reflection}
    draft = Draft.objects.select_for_update().filter(**lookup).first()
    if draft is None:
        return Draft.objects.create(**lookup, title=title, body=body)
    claim(draft, version)
    draft.title, draft.body = title, body
    draft.updated_at = timezone.now()
    draft.save()
    return draft


@transaction.atomic
def save_feedback(
    *,
    reflection: Reflection,
    coach: User,
    body: str,
    version: int | None,
    publish: bool,
) -> CoachFeedback:
    """Keep the coach's draft feedback, or publish it and tell the author."""
    draft = (
        CoachFeedback.objects.select_for_update()
        .filter(reflection=reflection, coach=coach, status=CoachFeedback.Status.DRAFT)
        .first()
    )
    if draft is None:
        draft = CoachFeedback(reflection=reflection, coach=coach, body=body)
    else:
        claim(draft, version)
        draft.body = body
    if publish:
        draft.status = CoachFeedback.Status.PUBLISHED
        draft.published_at = timezone.now()
    draft.save()
    if publish:
        transaction.on_commit(partial(send_feedback_notice.enqueue, draft.pk))
    return draft


def mark_feedback_read(*, reflection: Reflection, author: User) -> int:
    """The author has seen the published feedback on their entry."""
    return CoachFeedback.objects.filter(
        reflection=reflection,
        reflection__author=author,
        status=CoachFeedback.Status.PUBLISHED,
        read_at__isnull=True,
    ).update(read_at=timezone.now())


@transaction.atomic
def add_comment(*, reflection: Reflection, author: User, body: str) -> Comment:
    return Comment.objects.create(reflection=reflection, author=author, body=body)


@transaction.atomic
def reassess(*, reflection: Reflection, author: User) -> bool:
    """Ask the mirror to read the entry again (e.g. after a new model version)."""
    if not JournalSetting.for_user(author).mirror_enabled:
        return False
    transaction.on_commit(
        partial(
            assess_reflection.enqueue, reflection.pk, reflection.version, force=True
        )
    )
    return True


@transaction.atomic
def change_settings(
    *, user: User, mirror_enabled: bool, coaches_see_mirror: bool
) -> JournalSetting:
    setting, _created = JournalSetting.objects.update_or_create(
        user=user,
        defaults={
            "mirror_enabled": mirror_enabled,
            "coaches_see_mirror": coaches_see_mirror,
        },
    )
    return setting

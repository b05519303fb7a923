"""The journal on the home page's to-do list: unread coach feedback and drafts left
behind for the writer, and for coaches the shared entries still awaiting feedback.

Three queries at most, however many communities or entries: one per kind of item.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from leerkring.communities.models import Membership
from leerkring.core.todo import Todo, per_community

from .models import SHARED_WITH_COACHES, CoachFeedback, Draft, Reflection


def todos(user: Any, memberships: Sequence[Membership]) -> Iterable[Todo]:
    community_ids = [m.community_id for m in memberships]
    yield from _unread_feedback(user, community_ids)
    yield from _drafts(user, community_ids)
    yield from _awaiting_feedback(user, [m for m in memberships if m.is_coaching])


def _unread_feedback(user: Any, community_ids: list[int]) -> Iterable[Todo]:
    """Published feedback on the author's own entries that they have not opened;
    opening the entry marks it read (``actions.mark_feedback_read``)."""
    unread = CoachFeedback.objects.filter(
        reflection__author=user,
        reflection__community_id__in=community_ids,
        status=CoachFeedback.Status.PUBLISHED,
        read_at__isnull=True,
    ).select_related("coach", "reflection")
    for feedback in unread:
        reflection = feedback.reflection
        if feedback.coach is not None and feedback.coach.display_name:
            text = _("%(coach)s gave feedback on “%(title)s”") % {
                "coach": feedback.coach.display_name,
                "title": reflection.title,
            }
        else:
            text = _("Your coach gave feedback on “%(title)s”") % {
                "title": reflection.title
            }
        url = reverse("journal:reflection-detail", args=[reflection.pk])
        yield Todo(reflection.community_id, text, url)


def _drafts(user: Any, community_ids: list[int]) -> Iterable[Todo]:
    """Autosaved text not saved yet: a new entry, or changes to an existing one.

    Saving or discarding deletes the draft; a draft of an entry that reads the same
    as the saved entry holds no unsaved changes.
    """
    drafts = (
        Draft.objects.filter(user=user, community_id__in=community_ids)
        .exclude(
            reflection__isnull=False,
            title=F("reflection__title"),
            body=F("reflection__body"),
        )
        .order_by("updated_at", "pk")
    )
    for draft in drafts:
        if draft.is_empty:  # the form shows no draft either
            continue
        title = draft.title.strip()
        if title:
            text = _("Finish your draft “%(title)s”") % {"title": title}
        else:
            text = _("Finish your untitled draft")
        if draft.reflection_id is None:
            url = reverse("journal:reflection-create", args=[draft.community_id])
        else:
            url = reverse("journal:reflection-edit", args=[draft.reflection_id])
        yield Todo(draft.community_id, text, url)


def _awaiting_feedback(user: Any, coaching: list[Membership]) -> Iterable[Todo]:
    """For coaches: per community, participants' entries they may give feedback on
    (the same readers as ``Reflection.objects.visible_to``) without published
    feedback from any coach yet."""
    if not coaching:
        return
    participating = Membership.objects.active().participants()
    awaiting = (
        Reflection.objects.shared_with(user)
        .filter(
            community_id__in=[m.community_id for m in coaching],
            visibility__in=SHARED_WITH_COACHES,
        )
        .filter(
            Exists(
                participating.filter(
                    user=OuterRef("author"), community=OuterRef("community")
                )
            )
        )
        .awaiting_feedback()
    )
    yield from per_community(
        awaiting,
        lambda count: (
            ngettext(
                "%(count)s reflection shared with you awaits feedback",
                "%(count)s reflections shared with you await feedback",
                count,
            )
            % {"count": count}
        ),
        lambda community_id: (
            reverse("journal:journal-list", args=[community_id]) + "#shared-heading"
        ),
    )

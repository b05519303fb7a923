"""The journal's pages through the client: write, read, share, respond."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.core.models import AuditAction, AuditEvent
from leerkring.journal.models import (
    CoachFeedback,
    Comment,
    Reflection,
    ReflectionAssessment,
    Visibility,
)
from leerkring.journal.tests.factories import (
    LEVEL_3_TEXT,
    AssessmentFactory,
    CoachFeedbackFactory,
    CommentFactory,
    ReflectionFactory,
)

pytestmark = pytest.mark.django_db


def member(community: Any, role: str = Membership.Role.PARTICIPANT) -> Any:
    return MembershipFactory(community=community, role=role).user


def test_writing_an_entry_stores_it_privately_and_holds_up_the_mirror(
    client: Any,
) -> None:
    entry = ReflectionFactory()
    author, community = entry.author, entry.community
    client.force_login(author)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("journal:reflection-create", args=[community.pk]),
            {"title": "Na bijeenkomst 3", "body": LEVEL_3_TEXT, "visibility": ""},
        )
    assert response.status_code == 200  # visibility is required: nothing saved
    assert response.context["form"].errors["visibility"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("journal:reflection-create", args=[community.pk]),
            {
                "title": "Na bijeenkomst 3",
                "body": LEVEL_3_TEXT,
                "visibility": "private",
            },
        )
    new = Reflection.objects.get(title="Na bijeenkomst 3")
    assert response.url == reverse("journal:reflection-detail", args=[new.pk])
    assert new.visibility == Visibility.PRIVATE
    assessment = ReflectionAssessment.objects.get(reflection=new)
    assert assessment.is_ok
    assert assessment.level in {1, 2, 3, 4}
    page = client.get(response.url)
    assert page.context["assessment"] == assessment
    assert 'aria-current="step"' in page.content.decode()


def test_the_journal_list_shows_own_entries_and_what_is_shared_with_me(
    client: Any,
) -> None:
    mine = ReflectionFactory(title="Mijn eigen")
    community = mine.community
    shared = ReflectionFactory(
        community=community, visibility=Visibility.COMMUNITY, title="Gedeeld"
    )
    ReflectionFactory(community=community, title="Andermans privé")
    client.force_login(mine.author)
    response = client.get(reverse("journal:journal-list", args=[community.pk]))
    assert list(response.context["entries"]) == [mine]
    assert list(response.context["shared"]) == [shared]
    assert "Andermans privé" not in response.content.decode()


def test_both_lists_are_newest_first(client: Any) -> None:
    """Spelled out: Django drops Meta.ordering from the list's grouped query."""
    now = timezone.now()
    first = ReflectionFactory(created_at=now - timedelta(days=9))
    community, author = first.community, first.author
    own = [
        first,
        *(
            ReflectionFactory(
                author=author, community=community, created_at=now - timedelta(days=d)
            )
            for d in (1, 5)
        ),
    ]
    others = [
        ReflectionFactory(
            community=community,
            visibility=Visibility.COMMUNITY,
            created_at=now - timedelta(days=d),
        )
        for d in (7, 2, 4)
    ]
    CommentFactory(reflection=others[0])
    client.force_login(author)
    response = client.get(reverse("journal:journal-list", args=[community.pk]))
    newest_first = sorted(own, key=lambda e: e.created_at, reverse=True)
    assert list(response.context["entries"]) == newest_first
    shared_newest_first = sorted(others, key=lambda e: e.created_at, reverse=True)
    assert list(response.context["shared"]) == shared_newest_first


def test_a_coach_sees_entries_awaiting_feedback_first_and_marked(
    client: Any,
) -> None:
    now = timezone.now()
    answered = ReflectionFactory(
        visibility=Visibility.COACHES, created_at=now - timedelta(days=1)
    )
    community = answered.community
    coach = member(community, Membership.Role.COACH)
    CoachFeedbackFactory(
        reflection=answered,
        coach=coach,
        status=CoachFeedback.Status.PUBLISHED,
        published_at=now,
    )
    waiting = ReflectionFactory(
        community=community,
        visibility=Visibility.COMMUNITY,
        created_at=now - timedelta(days=3),
    )
    drafted = ReflectionFactory(
        community=community,
        visibility=Visibility.COACHES,
        created_at=now - timedelta(days=5),
    )
    CoachFeedbackFactory(reflection=drafted, coach=coach)  # a draft is no answer
    client.force_login(coach)
    response = client.get(reverse("journal:journal-list", args=[community.pk]))
    assert list(response.context["shared"]) == [waiting, drafted, answered]
    assert response.content.decode().count("Wacht op je feedback") == 2

    client.force_login(member(community))  # a fellow participant: no such badge
    response = client.get(reverse("journal:journal-list", args=[community.pk]))
    assert list(response.context["shared"]) == [waiting]
    assert "Wacht op je feedback" not in response.content.decode()


def test_filters_narrow_the_journal(client: Any) -> None:
    private = ReflectionFactory()
    ReflectionFactory(
        author=private.author,
        community=private.community,
        visibility=Visibility.COACHES,
    )
    client.force_login(private.author)
    url = reverse("journal:journal-list", args=[private.community.pk])
    response = client.get(
        url, {"visibility": "private"}, headers={"HX-Request": "true"}
    )
    assert list(response.context["entries"]) == [private]
    assert "<html" not in response.content.decode()  # only the partial


def test_coach_feedback_goes_from_draft_to_published_and_notifies_the_author(
    client: Any,
) -> None:
    entry = ReflectionFactory(visibility=Visibility.COACHES)
    coach = member(entry.community, Membership.Role.COACH)
    client.force_login(coach)
    url = reverse("journal:feedback-save", args=[entry.pk])
    client.post(url, {"body": "Eerste gedachte", "save": "1"})
    draft = CoachFeedback.objects.get(reflection=entry)
    assert draft.status == CoachFeedback.Status.DRAFT
    client.force_login(entry.author)
    page = client.get(reverse("journal:reflection-detail", args=[entry.pk]))
    assert "Eerste gedachte" not in page.content.decode()
    client.force_login(coach)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            url, {"body": "Mooi gezien!", "version": draft.version, "publish": "1"}
        )
    draft.refresh_from_db()
    assert draft.is_published
    assert draft.body == "Mooi gezien!"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [entry.author.email]
    assert "Mooi gezien" not in mail.outbox[0].body  # the content stays in the app
    client.force_login(entry.author)
    journal = client.get(reverse("journal:journal-list", args=[entry.community_id]))
    assert list(journal.context["notices"]) == [draft]
    page = client.get(reverse("journal:reflection-detail", args=[entry.pk]))
    assert "Mooi gezien!" in page.content.decode()
    draft.refresh_from_db()
    assert draft.read_at is not None


def test_a_stale_feedback_draft_is_refused(client: Any) -> None:
    entry = ReflectionFactory(visibility=Visibility.COACHES)
    coach = member(entry.community, Membership.Role.COACH)
    client.force_login(coach)
    url = reverse("journal:feedback-save", args=[entry.pk])
    client.post(url, {"body": "Versie A", "save": "1"})
    client.post(url, {"body": "Versie B", "version": 1, "save": "1"})
    response = client.post(url, {"body": "Versie C", "version": 1, "save": "1"})
    assert response.status_code == 400
    assert CoachFeedback.objects.get(reflection=entry).body == "Versie B"


def test_comments_are_hidden_when_the_entry_becomes_private_and_return_later(
    client: Any,
) -> None:
    comment = CommentFactory(body="Wat herkenbaar")
    entry = comment.reflection
    client.force_login(comment.author)
    page = client.get(reverse("journal:reflection-detail", args=[entry.pk]))
    assert "Wat herkenbaar" in page.content.decode()
    client.force_login(entry.author)
    client.post(
        reverse("journal:reflection-visibility", args=[entry.pk]),
        {"visibility": "coaches"},
    )
    coach = member(entry.community, Membership.Role.COACH)
    client.force_login(coach)
    page = client.get(reverse("journal:reflection-detail", args=[entry.pk]))
    assert "Wat herkenbaar" not in page.content.decode()
    client.force_login(comment.author)
    assert (
        client.get(reverse("journal:reflection-detail", args=[entry.pk])).status_code
        == 404
    )
    client.force_login(entry.author)
    page = client.get(reverse("journal:reflection-detail", args=[entry.pk]))
    assert page.context["comments_hidden"] is True
    assert "Wat herkenbaar" in page.content.decode()
    assert Comment.objects.filter(pk=comment.pk).exists()
    change = AuditEvent.objects.get(action=AuditAction.SHARING_CHANGED)
    assert (change.actor, change.detail) == (
        entry.author,
        {"before": "community", "after": "coaches"},
    )


def test_a_fellow_member_comments_on_a_community_entry(client: Any) -> None:
    entry = ReflectionFactory(visibility=Visibility.COMMUNITY)
    fellow = member(entry.community)
    client.force_login(fellow)
    url = reverse("journal:comment-add", args=[entry.pk])
    assert client.post(url, {"body": "   "}).status_code == 400
    assert client.post(url, {"body": "Dank voor het delen"}).status_code == 302
    assert entry.comments.get().author == fellow


def test_the_mirror_panel_is_for_coaches_only_when_the_author_allows(
    client: Any,
) -> None:
    entry = ReflectionFactory(visibility=Visibility.COACHES)
    AssessmentFactory(reflection=entry)
    coach = member(entry.community, Membership.Role.COACH)
    url = reverse("journal:reflection-mirror", args=[entry.pk])
    client.force_login(coach)
    assert client.get(url).status_code == 404
    client.force_login(entry.author)
    client.post(
        reverse("journal:settings"),
        {"mirror_enabled": "on", "coaches_see_mirror": "on"},
    )
    client.force_login(coach)
    assert client.get(url).status_code == 200
    client.force_login(entry.author)
    client.post(reverse("journal:settings"), {"coaches_see_mirror": "on"})
    assert client.get(url).status_code == 404  # mirror off: not even for the author
    client.force_login(coach)
    assert client.get(url).status_code == 404

"""The journal's items on the home page's to-do list: unread feedback and drafts
for the writer, shared entries awaiting feedback for coaches; only what this
person may see, in a fixed number of queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import CommunityFactory, MembershipFactory
from leerkring.core import todo as core_todo
from leerkring.core.todo import Todo
from leerkring.journal import actions
from leerkring.journal.models import CoachFeedback, Visibility
from leerkring.journal.tests.factories import (
    CoachFeedbackFactory,
    DraftFactory,
    ReflectionFactory,
)
from leerkring.journal.todo import todos

pytestmark = pytest.mark.django_db


def items(user: Any) -> list[Todo]:
    """The journal's items for the user's active memberships, in English."""
    memberships = list(
        Membership.objects.active().filter(user=user).select_related("community")
    )
    with translation.override("en"):
        return list(todos(user, memberships))


def texts(user: Any) -> list[str]:
    return sorted(item.text for item in items(user))


def published(entry: Any, **kwargs: Any) -> None:
    CoachFeedbackFactory(
        reflection=entry,
        status=CoachFeedback.Status.PUBLISHED,
        published_at=timezone.now(),
        **kwargs,
    )


def coach_of(
    community: Any, role: str = Membership.Role.COACH, *, name: str = "Sam Coach"
) -> Any:
    return MembershipFactory(
        community=community, role=role, user__display_name=name
    ).user


# Unread feedback, for the author


def test_unread_feedback_is_listed_until_the_author_opens_the_entry(
    client: Any,
) -> None:
    entry = ReflectionFactory(visibility=Visibility.COACHES, title="Mijn ergernis")
    published(entry, coach=coach_of(entry.community, name="Marieke Hendriks"))
    assert items(entry.author) == [
        Todo(
            entry.community_id,
            "Marieke Hendriks gave feedback on “Mijn ergernis”",
            reverse("journal:reflection-detail", args=[entry.pk]),
        )
    ]
    client.force_login(entry.author)
    client.get(reverse("journal:reflection-detail", args=[entry.pk]))
    assert items(entry.author) == []


def test_each_unread_feedback_is_its_own_item_in_dutch_too() -> None:
    entry = ReflectionFactory(visibility=Visibility.COACHES, title="Toets")
    published(entry, coach=coach_of(entry.community, name="Marieke Hendriks"))
    published(entry, coach=coach_of(entry.community, name="Joost de Vries"))
    assert texts(entry.author) == [
        "Joost de Vries gave feedback on “Toets”",
        "Marieke Hendriks gave feedback on “Toets”",
    ]
    memberships = list(entry.author.memberships.select_related("community"))
    with translation.override("nl"):
        dutch = sorted(item.text for item in todos(entry.author, memberships))
    assert dutch == [
        "Joost de Vries gaf feedback op “Toets”",
        "Marieke Hendriks gaf feedback op “Toets”",
    ]


def test_feedback_of_a_coach_who_was_removed_still_reads_well() -> None:
    entry = ReflectionFactory(visibility=Visibility.COACHES, title="Toets")
    published(entry, coach=None)
    assert texts(entry.author) == ["Your coach gave feedback on “Toets”"]


def test_draft_feedback_and_read_feedback_are_not_listed() -> None:
    entry = ReflectionFactory(visibility=Visibility.COACHES)
    CoachFeedbackFactory(reflection=entry)  # the coach's draft
    published(entry, read_at=timezone.now())
    assert items(entry.author) == []


def test_feedback_on_someone_elses_entry_never_appears() -> None:
    entry = ReflectionFactory(visibility=Visibility.COMMUNITY)
    published(entry)
    fellow = MembershipFactory(community=entry.community).user
    assert items(fellow) == []


def test_feedback_in_a_community_the_author_left_is_not_listed() -> None:
    entry = ReflectionFactory(visibility=Visibility.COACHES)
    published(entry)
    Membership.objects.filter(user=entry.author).update(status=Membership.Status.LEFT)
    assert items(entry.author) == []


# Drafts, for the writer


def test_a_new_entry_draft_is_listed_until_the_entry_is_saved(client: Any) -> None:
    membership = MembershipFactory()
    user, community = membership.user, membership.community
    DraftFactory(user=user, community=community, title="Half af")
    assert items(user) == [
        Todo(
            community.pk,
            "Finish your draft “Half af”",
            reverse("journal:reflection-create", args=[community.pk]),
        )
    ]
    client.force_login(user)
    client.post(
        reverse("journal:reflection-create", args=[community.pk]),
        {"title": "Af", "body": "Bewaard", "visibility": "private"},
    )
    assert items(user) == []


def test_a_draft_of_an_entry_is_listed_until_it_is_discarded(client: Any) -> None:
    entry = ReflectionFactory(title="Oud")
    draft = DraftFactory(
        user=entry.author, community=entry.community, reflection=entry, title="Nieuw"
    )
    assert items(entry.author) == [
        Todo(
            entry.community_id,
            "Finish your draft “Nieuw”",
            reverse("journal:reflection-edit", args=[entry.pk]),
        )
    ]
    client.force_login(entry.author)
    client.post(reverse("journal:draft-discard", args=[draft.pk]))
    assert items(entry.author) == []


def test_a_draft_of_an_entry_goes_when_the_changes_are_saved() -> None:
    entry = ReflectionFactory()
    DraftFactory(user=entry.author, community=entry.community, reflection=entry)
    assert len(items(entry.author)) == 1
    actions.edit_reflection(
        reflection=entry,
        author=entry.author,
        version=entry.version,
        title="Herzien",
        body="Nieuwe tekst",
        meeting=None,
        visibility=entry.visibility,
    )
    assert items(entry.author) == []


def test_a_draft_that_reads_the_same_as_its_entry_holds_nothing_to_finish() -> None:
    entry = ReflectionFactory()
    DraftFactory(
        user=entry.author,
        community=entry.community,
        reflection=entry,
        title=entry.title,
        body=entry.body,
    )
    assert items(entry.author) == []


def test_an_untitled_draft_is_named_so_and_an_empty_one_is_left_out() -> None:
    membership = MembershipFactory()
    other = MembershipFactory(user=membership.user)
    DraftFactory(user=membership.user, community=membership.community, title="  ")
    DraftFactory(user=membership.user, community=other.community, title="", body=" ")
    assert texts(membership.user) == ["Finish your untitled draft"]


def test_someone_elses_draft_never_appears() -> None:
    membership = MembershipFactory()
    fellow = MembershipFactory(community=membership.community).user
    DraftFactory(user=fellow, community=membership.community)
    assert items(membership.user) == []


# Shared entries awaiting feedback, for coaches


@pytest.mark.parametrize(
    "role", [Membership.Role.COACH, Membership.Role.APPRENTICE_COACH]
)
def test_a_coach_sees_how_many_shared_entries_await_feedback(role: str) -> None:
    community = CommunityFactory()
    coach = coach_of(community, role)
    ReflectionFactory(community=community, visibility=Visibility.COACHES)
    ReflectionFactory(community=community, visibility=Visibility.COMMUNITY)
    waiting = ReflectionFactory(community=community, visibility=Visibility.COACHES)
    CoachFeedbackFactory(reflection=waiting)  # a draft is not an answer yet
    ReflectionFactory(community=community, visibility=Visibility.PRIVATE)
    answered = ReflectionFactory(community=community, visibility=Visibility.COACHES)
    published(answered)
    left = ReflectionFactory(community=community, visibility=Visibility.COACHES)
    Membership.objects.filter(user=left.author).update(status=Membership.Status.LEFT)
    ReflectionFactory(
        community=community, author=coach_of(community), visibility=Visibility.COACHES
    )
    assert items(coach) == [
        Todo(
            community.pk,
            "3 reflections shared with you await feedback",
            reverse("journal:journal-list", args=[community.pk]) + "#shared-heading",
        )
    ]


def test_the_count_goes_when_feedback_is_published(client: Any) -> None:
    entry = ReflectionFactory(visibility=Visibility.COACHES)
    coach = coach_of(entry.community)
    assert texts(coach) == ["1 reflection shared with you awaits feedback"]
    client.force_login(coach)
    client.post(
        reverse("journal:feedback-save", args=[entry.pk]),
        {"body": "Mooi gezien!", "publish": "1"},
    )
    assert items(coach) == []


def test_a_private_entry_never_counts_for_a_coach() -> None:
    community = CommunityFactory()
    coach = coach_of(community)
    entry = ReflectionFactory(community=community, visibility=Visibility.PRIVATE)
    assert items(coach) == []
    actions.change_visibility(
        reflection=entry, author=entry.author, visibility=Visibility.COACHES
    )
    assert len(items(coach)) == 1
    actions.change_visibility(
        reflection=entry, author=entry.author, visibility=Visibility.PRIVATE
    )
    assert items(coach) == []


def test_a_coach_of_another_community_sees_nothing() -> None:
    ReflectionFactory(visibility=Visibility.COACHES)
    ReflectionFactory(visibility=Visibility.COMMUNITY)
    assert items(coach_of(CommunityFactory())) == []


def test_a_participant_gets_no_count_of_shared_entries() -> None:
    entry = ReflectionFactory(visibility=Visibility.COMMUNITY)
    fellow = MembershipFactory(community=entry.community).user
    assert items(fellow) == []


def test_drafts_and_counts_read_in_dutch() -> None:
    community = CommunityFactory()
    coach = coach_of(community)
    ReflectionFactory(community=community, visibility=Visibility.COACHES)
    DraftFactory(user=coach, community=community, title="Intake")
    memberships = list(coach.memberships.select_related("community"))
    with translation.override("nl"):
        dutch = sorted(item.text for item in todos(coach, memberships))
    assert dutch == [
        "1 gedeelde reflectie wacht op jouw feedback",
        "Maak je concept “Intake” af",
    ]
    ReflectionFactory(community=community, visibility=Visibility.COMMUNITY)
    with translation.override("nl"):
        dutch = sorted(item.text for item in todos(coach, memberships))
    assert dutch[0] == "2 gedeelde reflecties wachten op jouw feedback"


def test_the_home_page_collects_the_journals_items() -> None:
    entry = ReflectionFactory(visibility=Visibility.COACHES, title="Toets")
    published(entry, coach=coach_of(entry.community, name="Marieke Hendriks"))
    memberships = list(entry.author.memberships.select_related("community"))
    with translation.override("en"):
        collected = [item.text for item in core_todo.collect(entry.author, memberships)]
    assert "Marieke Hendriks gave feedback on “Toets”" in collected


# Queries


def person_in(count: int) -> Any:
    """Someone who writes in ``count`` communities (unread feedback and a draft in
    each) and coaches ``count`` others (entries awaiting feedback in each)."""
    person = MembershipFactory().user
    Membership.objects.filter(user=person).delete()
    for _number in range(count):
        community = MembershipFactory(user=person).community
        entry = ReflectionFactory(
            author=person, community=community, visibility=Visibility.COACHES
        )
        published(entry)
        DraftFactory(user=person, community=community)
        coached = CommunityFactory()
        MembershipFactory(user=person, community=coached, role=Membership.Role.COACH)
        ReflectionFactory(community=coached, visibility=Visibility.COACHES)
    return person


def test_the_number_of_queries_does_not_grow_with_communities() -> None:
    counted = []
    for count in (1, 5):
        person = person_in(count)
        memberships = list(person.memberships.active().select_related("community"))
        with CaptureQueriesContext(connection) as captured:
            found = list(todos(person, memberships))
        assert len(found) == 3 * count
        counted.append(len(captured.captured_queries))
    assert counted == [3, 3]

"""The home page's to-do item for agreements: confirm the current version."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from leerkring.accounts.tests.factories import UserFactory
from leerkring.agreements import actions, todo
from leerkring.agreements.models import Agreement
from leerkring.agreements.tests.factories import (
    AgreementVersionFactory,
    ConfirmationFactory,
    Group,
)
from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import LearningPeriodFactory
from leerkring.core.todo import Todo

pytestmark = pytest.mark.django_db


def draft(group: Group, text: str = "We zijn op tijd.") -> Any:
    agreement = Agreement.objects.filter(period=group.period).first()
    return actions.save_agreements(
        period=group.period,
        actor=group.coach,
        version=agreement.version if agreement else 0,
        sections={"attendance": text},
    )


def confirm(group: Group, user: Any, number: int) -> None:
    actions.confirm_agreements(period=group.period, actor=user, version_number=number)


def todos(user: Any) -> list[Todo]:
    memberships = list(
        Membership.objects.active().filter(user=user).select_related("community")
    )
    with translation.override("en"):
        return list(todo.todos(user, memberships))


def texts(user: Any) -> list[str]:
    return [item.text for item in todos(user)]


def test_every_member_is_asked_to_confirm_the_first_version() -> None:
    group = Group(participants=2)
    draft(group)
    page = reverse("agreements:agreement-detail", args=[group.community.pk])
    for member in group.members:
        assert todos(member) == [
            Todo(
                community_id=group.community.pk,
                text="Confirm the agreements (version 1)",
                url=page,
            )
        ]


def test_nothing_to_confirm_before_a_draft_exists() -> None:
    group = Group()
    assert todos(group.participants[0]) == []


def test_confirming_takes_it_off_only_ones_own_list() -> None:
    group = Group(participants=2)
    me, fellow = group.participants
    draft(group)
    confirm(group, fellow, 1)
    assert texts(fellow) == []
    assert texts(me) == ["Confirm the agreements (version 1)"]


def test_a_new_version_asks_for_a_new_confirmation() -> None:
    group = Group()
    me = group.participants[0]
    draft(group)
    confirm(group, me, 1)
    draft(group, "We zijn tien minuten van tevoren binnen.")
    assert texts(me) == ["Confirm the agreements (version 2)"]
    confirm(group, me, 2)
    assert texts(me) == []


def test_only_the_running_period_counts() -> None:
    group = Group()
    me = group.participants[0]
    today = timezone.localdate()
    ended = LearningPeriodFactory(
        community=group.community,
        start_date=today - timedelta(weeks=60),
        end_date=today - timedelta(weeks=30),
    )
    AgreementVersionFactory(agreement__period=ended, number=1)
    upcoming = LearningPeriodFactory(
        community=group.community, start_date=today + timedelta(weeks=30)
    )
    AgreementVersionFactory(agreement__period=upcoming, number=1)
    assert todos(me) == []


def test_someone_who_left_or_was_never_a_member_is_not_asked() -> None:
    group = Group()
    me = group.participants[0]
    draft(group)
    Membership.objects.filter(user=me).update(status=Membership.Status.LEFT)
    assert todos(me) == []
    assert todos(UserFactory()) == []


def busy(count: int) -> int:
    """Queries for a member of ``count`` communities, each with versions."""
    me = UserFactory()
    for _ in range(count):
        group = Group(participants=1)
        Membership.objects.create(
            community=group.community,
            user=me,
            role=Membership.Role.PARTICIPANT,
            status=Membership.Status.ACTIVE,
            joined_on=timezone.localdate(),
        )
        old = AgreementVersionFactory(agreement__period=group.period, number=1)
        ConfirmationFactory(version=old, user=me)
        current = AgreementVersionFactory(agreement=old.agreement, number=2)
        ConfirmationFactory(version=current, user=group.participants[0])
    memberships = list(
        Membership.objects.active().filter(user=me).select_related("community")
    )
    with CaptureQueriesContext(connection) as queries:
        items = list(todo.todos(me, memberships))
    assert len(items) == count
    return len(queries)


def test_the_query_count_does_not_grow_with_the_communities() -> None:
    assert busy(1) == busy(5) == 1


def test_the_item_reads_in_dutch() -> None:
    group = Group()
    draft(group)
    me = group.participants[0]
    memberships = list(Membership.objects.active().filter(user=me))
    with translation.override("nl"):
        (item,) = todo.todos(me, memberships)
    assert item.text == "Bevestig de afspraken (versie 1)"

"""Intervision: formats fill the agenda, cases follow their meeting, the
take-away stays private until shared, the room's steps."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from leerkring.communities.models import LearningPeriod, Membership
from leerkring.communities.tests.factories import (
    CommunityFactory,
    LearningPeriodFactory,
    MembershipFactory,
)
from leerkring.meetings.actions import MeetingError
from leerkring.meetings.agenda import method_agenda_items
from leerkring.meetings.intervision import actions
from leerkring.meetings.intervision.access import may_read_takeaway
from leerkring.meetings.intervision.formats import FORMATS, Format
from leerkring.meetings.intervision.models import IntervisionCase
from leerkring.meetings.intervision.pages import room_steps
from leerkring.meetings.method import ItemKind
from leerkring.meetings.models import AgendaItem, Meeting
from leerkring.meetings.room import start_agenda_item
from leerkring.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


class SelfRun:
    def __init__(self) -> None:
        self.community = CommunityFactory()
        self.coach = MembershipFactory(
            community=self.community, role=Membership.Role.COACH
        )
        self.bringer, self.other = (
            MembershipFactory(community=self.community) for _ in range(2)
        )
        start = timezone.localdate() + timedelta(days=7)
        period = LearningPeriodFactory(
            community=self.community,
            kind=LearningPeriod.Kind.SELF_RUN,
            start_date=start,
            end_date=start + timedelta(weeks=20),
        )
        self.meeting = MeetingFactory.create(
            period=period, number=1, date=start, method_step=None
        )
        self.later = MeetingFactory.create(
            period=period, number=2, date=start + timedelta(weeks=6), method_step=None
        )
        AgendaItem.objects.bulk_create(method_agenda_items(self.meeting))
        self.item = AgendaItem.objects.get(
            meeting=self.meeting, kind=ItemKind.INTERVISION
        )

    def case(self) -> IntervisionCase:
        return actions.register_case(
            meeting=self.meeting,
            membership=self.bringer,
            question="Hoe geef ik lastige feedback?",
        )


@pytest.fixture
def world() -> SelfRun:
    return SelfRun()


@pytest.mark.parametrize("key", Format.values)
def test_each_format_fills_the_item_with_the_sum_of_its_steps(
    world: SelfRun, key: str
) -> None:
    case = world.case()
    meeting = Meeting.objects.get(pk=world.meeting.pk)
    plan = actions.choose_format(
        meeting=meeting,
        version=meeting.agenda_version,
        item=world.item,
        format=key,
        case=case,
    )
    item = AgendaItem.objects.get(pk=world.item.pk)
    steps = FORMATS[key].steps
    assert item.minutes == sum(step.minutes for step in steps) == plan.plan.minutes
    assert len(steps) >= 4
    assert all(step.minutes > 0 for step in steps)
    # A self-run agenda is published at once: the members see the format.
    meeting.refresh_from_db()
    published = {p["title"]: p["minutes"] for p in meeting.published_agenda}
    assert published[item.title] == item.minutes
    assert not meeting.has_unpublished_changes


def test_a_stale_agenda_refuses_the_format_and_changes_nothing(world: SelfRun) -> None:
    from leerkring.core.concurrency import Stale

    meeting = Meeting.objects.get(pk=world.meeting.pk)
    with pytest.raises(Stale):
        actions.choose_format(
            meeting=meeting,
            version=meeting.agenda_version - 1,
            item=world.item,
            format=Format.INCIDENT,
            case=None,
        )
    assert AgendaItem.objects.get(pk=world.item.pk).minutes == world.item.minutes
    assert not hasattr(AgendaItem.objects.get(pk=world.item.pk), "intervision")


def test_the_room_runs_the_steps_with_their_own_timer(world: SelfRun) -> None:
    meeting = Meeting.objects.get(pk=world.meeting.pk)
    actions.choose_format(
        meeting=meeting,
        version=meeting.agenda_version,
        item=world.item,
        format=Format.GOSSIP,
        case=world.case(),
    )
    meeting = start_agenda_item(meeting=meeting, item=world.item)
    shown = room_steps(meeting, world.item)
    assert shown is not None
    assert shown["number"] == 1
    assert shown["started"] == meeting.current_item_started_at
    assert shown["next"] == FORMATS[Format.GOSSIP].steps[1]
    actions.move_step(meeting=meeting, forward=True)
    actions.move_step(meeting=meeting, forward=True)
    shown = room_steps(meeting, world.item)
    assert shown is not None
    assert shown["step"] == FORMATS[Format.GOSSIP].steps[2]
    assert shown["started"] > meeting.current_item_started_at
    # Starting the item again starts its first step again.
    meeting = start_agenda_item(meeting=meeting, item=world.item)
    shown = room_steps(meeting, world.item)
    assert shown is not None
    assert shown["number"] == 1


def test_no_step_runs_outside_an_intervision_item(world: SelfRun) -> None:
    meeting = Meeting.objects.get(pk=world.meeting.pk)
    with pytest.raises(MeetingError):
        actions.move_step(meeting=meeting, forward=True)


def test_a_case_moves_with_its_meeting_and_waits_when_it_is_cancelled(
    world: SelfRun, client: Client
) -> None:
    case = world.case()
    moved_to = world.meeting.date + timedelta(days=2)
    Meeting.objects.filter(pk=world.meeting.pk).update(date=moved_to)
    case.refresh_from_db()
    assert case.meeting is not None
    assert case.meeting.date == moved_to

    Meeting.objects.filter(pk=world.meeting.pk).delete()
    case.refresh_from_db()
    assert case.meeting is None  # kept, waiting for its bringer
    client.force_login(world.bringer.user)
    page = client.get(reverse("meetings:intervision-case", args=[case.pk]))
    assert "<details open>" in page.content.decode()  # the session to choose
    answer = client.post(
        reverse("meetings:intervision-case-edit", args=[case.pk]),
        {"meeting": world.later.pk, "question": case.question, "version": "1"},
    )
    assert answer.status_code == 302
    case.refresh_from_db()
    assert case.meeting_id == world.later.pk


def test_a_case_for_a_past_meeting_is_refused_and_nothing_is_saved(
    world: SelfRun,
) -> None:
    Meeting.objects.filter(pk=world.meeting.pk).update(
        date=timezone.localdate() - timedelta(days=1)
    )
    world.meeting.refresh_from_db()
    with translation.override("en"), pytest.raises(MeetingError, match="over"):
        world.case()
    with pytest.raises(MeetingError):
        actions.register_case(
            meeting=world.later, membership=world.bringer, question="  "
        )
    assert not IntervisionCase.objects.exists()


def test_the_takeaway_is_the_bringers_until_shared(world: SelfRun) -> None:
    case = world.case()
    actions.save_takeaway(
        case=case, version=case.version, takeaway="Eerst vragen.", sharing=""
    )
    case.refresh_from_db()
    readers = {
        name: may_read_takeaway(m.user, case)
        for name, m in (
            ("bringer", world.bringer),
            ("coach", world.coach),
            ("other", world.other),
        )
    }
    assert readers == {"bringer": True, "coach": False, "other": False}
    actions.save_takeaway(
        case=case, version=case.version, takeaway="Eerst vragen.", sharing="coaches"
    )
    case.refresh_from_db()
    assert may_read_takeaway(world.coach.user, case)
    assert not may_read_takeaway(world.other.user, case)
    actions.save_takeaway(
        case=case, version=case.version, takeaway="Eerst vragen.", sharing="community"
    )
    case.refresh_from_db()
    assert may_read_takeaway(world.other.user, case)


def test_the_takeaway_shows_on_the_bringers_own_track(
    world: SelfRun, client: Client
) -> None:
    case = world.case()
    actions.save_takeaway(
        case=case, version=case.version, takeaway="ZQtakeaway", sharing=""
    )
    client.force_login(world.bringer.user)
    track = client.get(reverse("tracks:my-track", args=[world.community.pk]))
    assert "ZQtakeaway" in track.content.decode()
    client.force_login(world.other.user)
    track = client.get(reverse("tracks:my-track", args=[world.community.pk]))
    assert "ZQtakeaway" not in track.content.decode()

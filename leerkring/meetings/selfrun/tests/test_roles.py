"""The roles a self-run community chooses: defaults, its own roles, fixed
holders, declining, someone leaving, two members editing at once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from leerkring.communities.models import LearningPeriod, Membership
from leerkring.core.concurrency import Stale
from leerkring.meetings.models import Meeting, MeetingRole, RoleDefinition
from leerkring.meetings.selfrun import roles as role_sets
from leerkring.meetings.selfrun.roles import RoleSetError, holder, roles_for
from leerkring.meetings.selfrun.rotation import CASE_BRINGER, CHAIR, NOTE_TAKER
from leerkring.meetings.tests.conftest import Leergang, build_leergang

from .test_self_run import start

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished() -> Leergang:
    return build_leergang(
        participants=4, start=timezone.localdate() - timedelta(days=200)
    )


def coming(period: LearningPeriod) -> list[Meeting]:
    return list(Meeting.objects.for_period(period))


def holders(period: LearningPeriod, key: str) -> list[Membership | None]:
    return [holder(m, key) for m in coming(period)]


def test_a_new_period_starts_with_three_rotating_roles(finished: Leergang) -> None:
    period = start(finished)
    defined = role_sets.definitions(period)
    assert [d.key for d in defined] == [CHAIR, NOTE_TAKER, CASE_BRINGER]
    assert all(d.rotates for d in defined)
    with translation.override("nl"):
        assert [d.label for d in defined] == [
            "Voorzitter",
            "Notulist",
            "Casusinbrenger",
        ]
        assert "samenvatting" in defined[1].task_text
    first = coming(period)[0]
    assert [r.role for r in roles_for(first)] == [CHAIR, NOTE_TAKER, CASE_BRINGER]
    assert holder(first, CASE_BRINGER) is not None
    assert holder(first, "no-such-role") is None


def test_a_member_adds_a_timekeeper_and_it_goes_round(finished: Leergang) -> None:
    period = start(finished)
    schedule = period.self_run_schedule
    member = Membership.objects.get(user=finished.participants[0])
    proposal = role_sets.add_role(
        schedule=schedule,
        actor=member.user,
        version=1,
        name="Tijdbewaker",
        task="Bewaakt de tijd per agendapunt.",
    )
    assert proposal.notes() == []  # four people, four roles: nobody doubles up
    timekeepers = holders(period, "tijdbewaker")
    assert None not in timekeepers
    counts = [timekeepers.count(m) for m in set(timekeepers)]
    assert max(counts) - min(counts) <= 1
    for meeting in coming(period):
        held = [r.membership_id for r in roles_for(meeting)]
        assert len(held) == 4
        assert len(set(held)) == 4
    assert RoleDefinition.objects.get(key="tijdbewaker").label == "Tijdbewaker"


def test_a_fixed_holder_holds_the_role_all_period(finished: Leergang) -> None:
    period = start(finished)
    contact = Membership.objects.get(user=finished.participants[2])
    role_sets.add_role(
        schedule=period.self_run_schedule,
        actor=contact.user,
        version=1,
        name="Contact met management",
        rotates=False,
        fixed=contact,
    )
    assert set(holders(period, "contact-met-management")) == {contact}
    for key in (CHAIR, NOTE_TAKER, CASE_BRINGER):
        assert contact not in holders(period, key)


def test_bad_role_input_is_refused_and_nothing_changes(finished: Leergang) -> None:
    period = start(finished)
    schedule = period.self_run_schedule
    actor = finished.participants[0]
    with translation.override("nl"):
        for name, rotates in (("  ", True), ("Voorzitter", True), ("Gastheer", False)):
            with pytest.raises(RoleSetError):
                role_sets.add_role(
                    schedule=schedule,
                    actor=actor,
                    version=1,
                    name=name,
                    rotates=rotates,
                )
        chair = RoleDefinition.objects.get(period=period, key=CHAIR)
        with pytest.raises(RoleSetError):
            role_sets.remove_role(schedule=schedule, role=chair, actor=actor, version=1)
    assert RoleDefinition.objects.filter(period=period).count() == 3
    schedule.refresh_from_db()
    assert schedule.roles_version == 1


def test_two_members_editing_at_once_the_second_is_refused(
    finished: Leergang,
) -> None:
    period = start(finished)
    schedule = period.self_run_schedule
    role_sets.add_role(
        schedule=schedule, actor=finished.participants[0], version=1, name="Gastheer"
    )
    with pytest.raises(Stale):
        role_sets.add_role(
            schedule=schedule,
            actor=finished.participants[1],
            version=1,
            name="Tijdbewaker",
        )
    assert not RoleDefinition.objects.filter(key="tijdbewaker").exists()


def test_everyone_declining_a_role_still_gives_a_fair_proposal(
    finished: Leergang,
) -> None:
    period = start(finished)
    schedule = period.self_run_schedule
    case = RoleDefinition.objects.get(period=period, key=CASE_BRINGER)
    version = 1
    with translation.override("en"):
        for person in finished.participants:
            proposal = role_sets.set_declined(
                schedule=schedule,
                role=case,
                membership=Membership.objects.get(user=person),
                version=version,
                declined=True,
            )
            version += 1
        assert "Case-bringer" in proposal.notes()[0]
        assert "fairly" in proposal.notes()[0]
    bringers = holders(period, CASE_BRINGER)
    assert None not in bringers
    counts = [bringers.count(m) for m in set(bringers)]
    assert max(counts) - min(counts) <= 1


def test_a_declined_role_goes_to_the_others(finished: Leergang) -> None:
    period = start(finished)
    me = Membership.objects.get(user=finished.participants[0])
    chair = RoleDefinition.objects.get(period=period, key=CHAIR)
    role_sets.set_declined(
        schedule=period.self_run_schedule,
        role=chair,
        membership=me,
        version=1,
        declined=True,
    )
    assert me not in holders(period, CHAIR)


def test_a_chair_who_leaves_leaves_open_roles_the_next_proposal_fills(
    finished: Leergang,
) -> None:
    period = start(finished)
    chair = holder(coming(period)[0], CHAIR)
    assert chair is not None
    Membership.objects.filter(pk=chair.pk).update(status=Membership.Status.LEFT)
    # Their roles fall open at once: nobody waits for a chair who left.
    assert holder(coming(period)[0], CHAIR) is None
    assert any(r.is_open for r in MeetingRole.objects.for_period(period))
    role_sets.add_role(
        schedule=period.self_run_schedule,
        actor=finished.participants[1],
        version=1,
        name="Gastheer",
    )
    roles = MeetingRole.objects.for_period(period).select_related("membership")
    assert not [r for r in roles if r.is_open and r.role != "gastheer"]
    assert chair not in [r.membership for r in roles]


def test_removing_a_role_keeps_who_held_it_at_meetings_held(
    finished: Leergang,
) -> None:
    period = start(finished)
    first = coming(period)[0]
    Meeting.objects.filter(pk=first.pk).update(
        date=timezone.localdate() - timedelta(days=1)
    )
    case = RoleDefinition.objects.get(period=period, key=CASE_BRINGER)
    role_sets.remove_role(
        schedule=period.self_run_schedule,
        role=case,
        actor=finished.participants[0],
        version=1,
    )
    kept = MeetingRole.objects.filter(role=CASE_BRINGER)
    assert [r.meeting_id for r in kept] == [first.pk]


def test_the_role_page_adds_a_role_for_a_member(
    client: Any, finished: Leergang
) -> None:
    period = start(finished)
    client.force_login(finished.participants[0])
    url = reverse("meetings:self-run-roles", args=[period.pk])
    response = client.post(
        url,
        {
            "new-version": "1",
            "new-name": "Tijdbewaker",
            "new-task": "Bewaakt de tijd.",
            "new-how": "rotates",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Tijdbewaker" in page
    assert "Bewaakt de tijd." in page


def test_the_role_page_refuses_a_stale_save_and_keeps_the_text(
    client: Any,
    finished: Leergang,
) -> None:
    period = start(finished)
    role_sets.add_role(
        schedule=period.self_run_schedule,
        actor=finished.participants[1],
        version=1,
        name="Gastheer",
    )
    client.force_login(finished.participants[0])
    response = client.post(
        reverse("meetings:self-run-roles", args=[period.pk]),
        {"new-version": "1", "new-name": "Tijdbewaker", "new-how": "rotates"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Tijdbewaker" in response.content.decode()
    assert not RoleDefinition.objects.filter(key="tijdbewaker").exists()

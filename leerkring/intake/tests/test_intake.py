"""The intake: preparation, recorded conversations, commitment and privacy."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerkring.accounts.tests.factories import UserFactory
from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import (
    CommunityFactory,
    LearningPeriodFactory,
    MembershipFactory,
    ProgrammeLeadFactory,
)
from leerkring.core.concurrency import Stale
from leerkring.core.models import AuditAction, AuditEvent
from leerkring.intake import actions, personal_data
from leerkring.intake.models import (
    Commitment,
    Intake,
    IntakePreparation,
    committed_participants,
)
from leerkring.intake.tests.factories import IntakeFactory, IntakePreparationFactory
from leerkring.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db
NOTES = "Twijfelt over de tijdsinvestering."


@pytest.fixture
def community() -> Any:
    community = CommunityFactory()
    community.coach = MembershipFactory(
        community=community, role=Membership.Role.COACH
    ).user
    community.participant = MembershipFactory(community=community)
    community.other = MembershipFactory(community=community)
    return community


def test_only_a_latest_yes_makes_a_participant_committed(community: Any) -> None:
    participant = community.participant
    actions.record_intake(
        membership=participant,
        actor=community.coach,
        held_on=date(2026, 1, 5),
        expectations_shared=True,
        commitment=Commitment.NOT_YET,
        notes=NOTES,
    )
    assert participant not in committed_participants(community.pk)
    actions.record_intake(
        membership=participant,
        actor=community.coach,
        held_on=date(2026, 1, 12),
        expectations_shared=True,
        commitment=Commitment.YES,
    )
    assert list(committed_participants(community.pk)) == [participant]
    assert Intake.objects.filter(membership=participant).count() == 2


@pytest.mark.parametrize("answer", [Commitment.NO, Commitment.NOT_YET])
def test_no_and_not_yet_do_not_commit(community: Any, answer: str) -> None:
    IntakeFactory(membership=community.participant, commitment=answer)
    assert not committed_participants(community.pk).exists()


def test_a_participant_prepares_and_a_stale_save_is_refused(community: Any) -> None:
    participant = community.participant
    first = actions.save_preparation(
        membership=participant,
        version=1,
        answers={"expectations": "Samen leren", "learning_wish": "Feedback"},
    )
    actions.save_preparation(
        membership=participant,
        version=first.version,
        answers={"expectations": "Op de telefoon aangepast"},
    )
    with pytest.raises(Stale) as conflict:
        actions.save_preparation(
            membership=participant,
            version=first.version,
            answers={"expectations": "Oude laptoptekst"},
        )
    assert conflict.value.current.version == 2
    saved = IntakePreparation.objects.get(membership=participant)
    assert saved.expectations == "Op de telefoon aangepast"


def test_the_participant_fills_the_preparation_in_the_browser(
    client: Any, community: Any
) -> None:
    client.force_login(community.participant.user)
    url = reverse("intake:preparation", args=[community.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"expectations": "Leren van studenten", "version": "1"})
    assert response.status_code == 302
    prep = IntakePreparation.objects.get(membership=community.participant)
    assert prep.expectations == "Leren van studenten"
    client.post(url, {"expectations": "Op de telefoon", "version": "1"})
    stale = client.post(url, {"expectations": "Oude laptoptekst", "version": "1"})
    page = stale.content.decode()
    assert "Oude laptoptekst" in page  # what was typed stays
    assert "Op de telefoon" in page  # next to what is saved now
    assert 'name="version" value="2"' in page
    prep.refresh_from_db()
    assert prep.expectations == "Op de telefoon"


def test_an_invited_participant_may_prepare_too(client: Any) -> None:
    invited = MembershipFactory(status=Membership.Status.INVITED)
    client.force_login(invited.user)
    url = reverse("intake:preparation", args=[invited.community_id])
    assert client.get(url).status_code == 200


def test_a_participant_who_left_may_not(client: Any) -> None:
    left = MembershipFactory(status=Membership.Status.LEFT)
    client.force_login(left.user)
    url = reverse("intake:preparation", args=[left.community_id])
    assert client.get(url).status_code == 404


def test_the_coach_records_an_intake(client: Any, community: Any) -> None:
    client.force_login(community.coach)
    url = reverse("intake:participant", args=[community.participant.pk])
    response = client.post(
        url,
        {
            "held_on": "2026-01-10",
            "expectations_shared": "on",
            "commitment": "yes",
            "notes": NOTES,
        },
    )
    assert response.status_code == 302
    intake = Intake.objects.get(membership=community.participant)
    assert intake.is_committed
    assert intake.recorded_by == community.coach
    event = AuditEvent.objects.get(action=AuditAction.INTAKE_RECORDED)
    assert event.actor == community.coach
    assert event.target == f"intake.intake:{intake.pk}"
    assert event.detail == {"membership": community.participant.pk}
    assert NOTES not in str(event.detail)  # identities, never what was said


def test_an_intake_in_the_future_is_refused(client: Any, community: Any) -> None:
    client.force_login(community.coach)
    url = reverse("intake:participant", args=[community.participant.pk])
    tomorrow = date.today() + timedelta(days=1)
    response = client.post(url, {"held_on": tomorrow.isoformat(), "commitment": "yes"})
    assert response.status_code == 200
    assert response.context["form"].errors["held_on"]
    assert not Intake.objects.filter(membership=community.participant).exists()


def test_coach_notes_and_preparations_never_reach_other_participants_or_the_lead(
    client: Any, community: Any
) -> None:
    IntakePreparationFactory(
        membership=community.participant, expectations="Geheime verwachting"
    )
    IntakeFactory(membership=community.participant, notes=NOTES)
    lead = UserFactory()
    ProgrammeLeadFactory(organisation=community.organisation, user=lead)
    for viewer in (community.other.user, lead):
        client.force_login(viewer)
        for url in (
            reverse("intake:participant", args=[community.participant.pk]),
            reverse("intake:overview", args=[community.pk]),
        ):
            assert client.get(url).status_code == 404
    # The participant sees their preparation and the outcome, not the notes.
    client.force_login(community.participant.user)
    page = client.get(reverse("intake:preparation", args=[community.pk]))
    assert "Geheime verwachting" in page.content.decode()
    assert NOTES not in page.content.decode()


def test_the_participant_gets_the_coach_notes_in_their_export(community: Any) -> None:
    IntakePreparationFactory(membership=community.participant)
    IntakeFactory(membership=community.participant, notes=NOTES)
    data = personal_data.export(community.participant.user)
    assert data["intake_conversations"][0]["coach_notes"] == NOTES
    assert len(data["intake_preparations"]) == 1
    assert personal_data.export(community.other.user) == {
        "intake_preparations": [],
        "intake_conversations": [],
    }


def test_erase_removes_the_persons_intake_material(community: Any) -> None:
    IntakePreparationFactory(membership=community.participant)
    IntakeFactory(membership=community.participant)
    IntakeFactory(membership=community.other)
    personal_data.erase(community.participant.user)
    assert not IntakePreparation.objects.filter(membership=community.participant)
    remaining = Intake.objects.filter(membership__community=community)
    assert list(remaining.values_list("membership", flat=True)) == [community.other.pk]


def test_the_overview_shows_who_needs_an_intake_and_flags_the_uncommitted(
    client: Any, community: Any
) -> None:
    period = LearningPeriodFactory(community=community)
    MeetingFactory(period=period, number=1, date=period.start_date)
    IntakeFactory(membership=community.participant, commitment=Commitment.YES)
    client.force_login(community.coach)
    page = client.get(reverse("intake:overview", args=[community.pk]))
    html = page.content.decode()
    rows = {m.pk: m for m in page.context["participants"]}
    assert rows[community.participant.pk].commitment == Commitment.YES
    assert rows[community.other.pk].commitment is None
    assert html.count("Nog nodig") == 1
    assert html.count("Niet gecommitteerd — bijeenkomst 1 is op") == 1


def _overview_queries(client: Any, participants: int) -> int:
    community = CommunityFactory()
    coach = MembershipFactory(community=community, role=Membership.Role.COACH).user
    for _ in range(participants):
        member = MembershipFactory(community=community)
        IntakePreparationFactory(membership=member)
        IntakeFactory(membership=member)
    client.force_login(coach)
    url = reverse("intake:overview", args=[community.pk])
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_overview_query_count_does_not_grow_with_participants(
    client: Any,
) -> None:
    few, many = _overview_queries(client, 2), _overview_queries(client, 12)
    assert few == many
    assert many <= 6

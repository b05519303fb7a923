"""Who reads the answers: the community's coaches on its coaching page, the
organisation's programme leads on the alumni list — nobody else — in a fixed
number of queries however many people answered."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from leerkring.accounts.tests.factories import UserFactory
from leerkring.alumni import personal_data
from leerkring.alumni.models import Answer, CoachingInterest
from leerkring.alumni.tests.factories import CoachingInterestFactory
from leerkring.communities.models import Community, Membership
from leerkring.communities.tests.factories import (
    CommunityFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeLeadFactory,
)
from leerkring.core import personal_data as collector

pytestmark = pytest.mark.django_db


def coaching_url(community: Community) -> str:
    return reverse("alumni:coaching", args=[community.pk])


def alumni_url(organisation_id: int) -> str:
    return reverse("alumni:organisation-alumni", args=[organisation_id])


def get(client: Any, user: Any, url: str) -> Any:
    client.force_login(user)
    return client.get(url)


def interest(community: Community, answer: str, note: str = "", **kw: Any) -> Any:
    return CoachingInterestFactory(
        membership=MembershipFactory(community=community),
        answer=answer,
        note=note,
        **kw,
    )


def test_coaches_see_every_participants_answer_and_note(client: Any) -> None:
    community = CommunityFactory()
    coach = MembershipFactory(community=community, role=Membership.Role.COACH)
    yes = interest(community, Answer.YES, "Ik begeleid al studieteams.")
    no = interest(community, Answer.NO, "Geen tijd dit jaar.")
    silent = MembershipFactory(community=community)
    page = get(client, coach.user, coaching_url(community)).content.decode()
    for person in (yes.membership.user, no.membership.user, silent.user):
        assert escape(person.display_name) in page
    assert "Ik begeleid al studieteams." in page
    assert "Geen tijd dit jaar." in page
    assert "Ja: 1 · misschien later: 0 · nee: 1 · nog niet beantwoord: 1" in page
    assert 'name="answer"' not in page  # coaches are not asked


def test_a_participant_sees_only_their_own_answer(client: Any) -> None:
    community = CommunityFactory()
    mine = interest(community, Answer.MAYBE, "Misschien na de zomer.")
    fellow = interest(community, Answer.YES, "Graag, ik heb ervaring.")
    page = get(client, mine.membership.user, coaching_url(community)).content.decode()
    assert "Misschien na de zomer." in page
    assert "Graag, ik heb ervaring." not in page
    assert escape(fellow.membership.user.display_name) not in page


def test_the_lead_sees_yes_and_maybe_of_their_organisation_newest_first(
    client: Any,
) -> None:
    organisation = OrganisationFactory()
    lead = ProgrammeLeadFactory(organisation=organisation).user
    first, second = (CommunityFactory(organisation=organisation) for _ in range(2))
    now = timezone.now()
    older = interest(
        first, Answer.YES, "Ervaring als mentor.", answered_at=now - timedelta(days=3)
    )
    newer = interest(second, Answer.MAYBE, "Na mijn verlof.", answered_at=now)
    declined = interest(first, Answer.NO, "Liever niet.")
    elsewhere = interest(CommunityFactory(), Answer.YES, "Andere hogeschool.")
    page = get(client, lead, alumni_url(organisation.pk)).content.decode()
    body = page.split("<tbody>")[1]
    assert body.index(newer.membership.user.email) < body.index(
        older.membership.user.email
    )
    for shown in (older, newer):
        assert escape(shown.membership.user.display_name) in body
        assert shown.membership.community.name in body
        assert shown.note in body
    assert "Ja: 1 · misschien later: 1" in page
    assert declined.membership.user.email not in page
    assert elsewhere.membership.user.email not in page
    assert "Liever niet." not in page


def test_the_organisation_page_links_to_the_alumni_list(client: Any) -> None:
    organisation = OrganisationFactory()
    lead = ProgrammeLeadFactory(organisation=organisation).user
    url = reverse("communities:organisation-detail", args=[organisation.pk])
    page = get(client, lead, url).content.decode()
    assert f'href="{alumni_url(organisation.pk)}"' in page
    assert "Alumni die willen coachen" in page


def test_nobody_else_reads_the_answers(client: Any) -> None:
    """Lead of another organisation, a superuser, the organisation's lead on the
    community's page: 404 (the matrix covers every actor)."""
    answered = interest(CommunityFactory(), Answer.YES, "vertrouwelijk")
    community = answered.membership.community
    other_lead = ProgrammeLeadFactory().user
    superuser = UserFactory(is_superuser=True, is_staff=True)
    for user in (other_lead, superuser):
        assert (
            get(client, user, alumni_url(community.organisation_id)).status_code == 404
        )
        assert get(client, user, coaching_url(community)).status_code == 404
    # A lead of the organisation reads the list, not the community's page.
    lead = ProgrammeLeadFactory(organisation=community.organisation).user
    assert get(client, lead, coaching_url(community)).status_code == 404


def _queries(client: Any, user: Any, url: str) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_alumni_list_takes_the_same_queries_for_more_people(client: Any) -> None:
    organisation = OrganisationFactory()
    lead = ProgrammeLeadFactory(organisation=organisation).user
    community = CommunityFactory(organisation=organisation)
    interest(community, Answer.YES)
    few = _queries(client, lead, alumni_url(organisation.pk))
    for _ in range(3):
        more = CommunityFactory(organisation=organisation)
        for answer in (Answer.YES, Answer.MAYBE, Answer.NO):
            interest(more, answer)
    assert _queries(client, lead, alumni_url(organisation.pk)) == few


def test_the_coaches_page_takes_the_same_queries_for_more_people(client: Any) -> None:
    community = CommunityFactory()
    coach = MembershipFactory(community=community, role=Membership.Role.COACH).user
    interest(community, Answer.YES)
    few = _queries(client, coach, coaching_url(community))
    for answer in (Answer.YES, Answer.MAYBE, Answer.NO):
        interest(community, answer)
    for _ in range(3):
        MembershipFactory(community=community)
    assert _queries(client, coach, coaching_url(community)) == few


def test_personal_data_exports_and_erases_ones_own_answers() -> None:
    mine = interest(CommunityFactory(), Answer.YES, "Ik wil graag.")
    other = interest(CommunityFactory(), Answer.MAYBE, "Niet van mij.")
    user = mine.membership.user
    second = CoachingInterestFactory(
        membership=MembershipFactory(user=user), answer=Answer.NO, note=""
    )
    exported = personal_data.export(user)["coaching_interest"]
    assert {(e["community"], e["answer"], e["note"]) for e in exported} == {
        (mine.membership.community.name, "yes", "Ik wil graag."),
        (second.membership.community.name, "no", ""),
    }
    assert "Niet van mij." not in str(exported)
    personal_data.erase(user)
    assert list(CoachingInterest.objects.all()) == [other]


def test_the_account_export_includes_the_answers() -> None:
    mine = interest(CommunityFactory(), Answer.MAYBE, "Volgend jaar.")
    exported = collector.export(mine.membership.user)
    assert "Volgend jaar." in str(exported)

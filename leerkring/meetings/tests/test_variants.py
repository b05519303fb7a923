"""Variants (issue 17): presets chosen at creation produce the right plan;
an organisation's own variant; a variant that does not fit its weeks."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse

from leerkring.communities import variants
from leerkring.communities.models import Community, Membership, Variant
from leerkring.communities.tests.factories import (
    CommunityFactory,
    MembershipFactory,
    ProgrammeLeadFactory,
)
from leerkring.meetings.forms import LeergangPlan
from leerkring.meetings.leergang import create_leergang
from leerkring.meetings.method import theme_steps
from leerkring.meetings.models import Meeting
from leerkring.meetings.scheduling import PlanError
from leerkring.meetings.tests.conftest import plan

pytestmark = pytest.mark.django_db
START = date(2031, 1, 6)


@pytest.mark.parametrize("preset", variants.BUILT_IN, ids=lambda p: p.key)
def test_each_variant_plans_its_sessions_rows_and_rhythm(
    preset: variants.Preset,
) -> None:
    community = CommunityFactory(variant=preset.key)
    coach = MembershipFactory(community=community, role=Membership.Role.COACH).user
    proposal = LeergangPlan(None, community)
    assert proposal.form.initial["count"] == preset.sessions
    end = proposal.form.initial["end_date"]
    assert end - proposal.form.initial["start_date"] == timedelta(weeks=preset.weeks)
    assert len(proposal.sessions.initial) == preset.sessions
    days = preset.weeks * 7
    period = create_leergang(
        community=community,
        actor=coach,
        start_date=START,
        end_date=START + timedelta(days=days),
        sessions=plan(START, preset.sessions, days),
    )
    rows = [m.method_step or 0 for m in Meeting.objects.for_period(period)]
    assert rows == list(preset.rows or theme_steps(preset.sessions))
    # The arc keeps its kick-start and its landing in every variant.
    assert (rows[0], rows[-1]) == (1, 8)
    assert rows == sorted(set(rows))


def test_the_semester_version_gets_five_sessions_over_eighteen_weeks() -> None:
    semester = variants.built_in("semester")
    assert (semester.sessions, semester.weeks) == (5, 18)
    assert semester.rows == (1, 2, 4, 6, 8)


def test_more_sessions_than_the_period_allows_get_a_clear_message() -> None:
    community = CommunityFactory(variant="semester")
    coach = MembershipFactory(community=community, role=Membership.Role.COACH).user
    with pytest.raises(PlanError) as refused:
        create_leergang(
            community=community,
            actor=coach,
            start_date=START,
            end_date=START + timedelta(weeks=10),
            sessions=plan(START, 8, 70),
        )
    (message,) = refused.value.problems.fields["count"]
    assert "8 bijeenkomsten passen niet in 10 weken" in message
    assert not Meeting.objects.filter(period__community=community).exists()


def test_the_international_honours_variant_makes_an_english_community(
    client: Any,
) -> None:
    lead = ProgrammeLeadFactory(user__preferred_language="nl")
    client.force_login(lead.user)
    url = reverse("communities:community-create", args=[lead.organisation.pk])
    response = client.post(url, {"name": "Honours", "variant": "honours"})
    community = Community.objects.get(name="Honours")
    assert response.status_code == 302
    assert (community.variant, community.language) == ("honours", "en")
    page = client.get(reverse("communities:community-detail", args=[community.pk]))
    text = page.content.decode()
    assert "Internationale / honoursgroep" in text  # the name: the reader's language
    assert "diversity of background" in text  # the emphasis: the community's


def test_a_chosen_language_wins_over_the_variants(client: Any) -> None:
    lead = ProgrammeLeadFactory()
    client.force_login(lead.user)
    url = reverse("communities:community-create", args=[lead.organisation.pk])
    client.post(url, {"name": "NL honours", "variant": "honours", "language": "nl"})
    assert Community.objects.get(name="NL honours").language == "nl"


def test_a_lead_defines_an_own_variant_and_a_community_uses_it(client: Any) -> None:
    lead = ProgrammeLeadFactory()
    organisation = lead.organisation
    client.force_login(lead.user)
    url = reverse("communities:variant-list", args=[organisation.pk])
    data = {"name": "Minor", "base": "semester", "sessions": 5, "weeks": 20}
    assert client.post(url, data | {"language": "en"}).status_code == 302
    variant = Variant.objects.get(organisation=organisation, name="Minor")
    assert "Minor" in client.get(url).content.decode()
    create = reverse("communities:community-create", args=[organisation.pk])
    client.post(create, {"name": "Minor 2031", "variant": f"own:{variant.pk}"})
    community = Community.objects.get(name="Minor 2031")
    assert community.own_variant == variant
    assert community.language == "en"
    preset = community.preset
    assert (preset.sessions, preset.weeks, preset.rows) == (5, 20, (1, 2, 4, 6, 8))
    assert preset.goal_prompt == variants.built_in("semester").goal_prompt


def test_an_own_variant_that_does_not_fit_its_weeks_is_refused(client: Any) -> None:
    lead = ProgrammeLeadFactory()
    client.force_login(lead.user)
    url = reverse("communities:variant-list", args=[lead.organisation.pk])
    data = {"name": "Te vol", "base": "standard", "sessions": 12, "weeks": 8}
    response = client.post(url, data | {"language": ""})
    assert response.status_code == 200
    (message,) = response.context["form"].errors["sessions"]
    assert message.startswith("12 bijeenkomsten passen niet in 8 weken")
    assert not Variant.objects.exists()


def test_another_organisations_variant_cannot_be_chosen(client: Any) -> None:
    lead = ProgrammeLeadFactory()
    other = Variant.objects.create(
        organisation=ProgrammeLeadFactory().organisation,
        name="Elders",
        sessions=6,
        weeks=20,
    )
    client.force_login(lead.user)
    url = reverse("communities:community-create", args=[lead.organisation.pk])
    response = client.post(url, {"name": "X", "variant": f"own:{other.pk}"})
    assert response.status_code == 200
    assert response.context["form"].errors["variant"]
    assert not Community.objects.filter(name="X").exists()


def test_the_goal_page_asks_the_variants_question_in_the_community_language(
    client: Any,
) -> None:
    community = CommunityFactory(variant="semester", language="en")
    coach = MembershipFactory(community=community, role=Membership.Role.COACH).user
    start = date.today() - timedelta(days=1)
    create_leergang(
        community=community,
        actor=coach,
        start_date=start,
        end_date=start + timedelta(weeks=18),
        sessions=plan(start, 5, 18 * 7),
    )
    client.force_login(coach)  # a Dutch-speaking coach
    url = reverse("agreements:goal-edit", args=[community.pk, "content"])
    text = client.get(url).content.decode()
    assert "What result does your team deliver to its client" in text
    assert "Welk resultaat levert je team" not in text

"""Mass and destructive actions ask first, naming their consequence; the
proposal page explains itself and numbers the same proposal the same way."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from leerkring.cohorts import actions
from leerkring.cohorts.models import CohortMember
from leerkring.cohorts.tests.factories import CohortCoachFactory
from leerkring.cohorts.tests.helpers import SETTINGS, composed
from leerkring.communities.models import Community


def test_erasing_all_diversity_data_asks_first_with_the_count(
    lead_client: Any, lead_role: Any
) -> None:
    cohort, _proposal = composed(lead_role.organisation, lead_role.user, 60)
    detail = lead_client.get(reverse("cohorts:cohort-detail", args=[cohort.pk]))
    erase_url = reverse("cohorts:cohort-erase", args=[cohort.pk])
    assert f'href="{erase_url}"' in detail.content.decode()

    page = lead_client.get(erase_url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "60" in text
    assert "button-danger" in text
    assert CohortMember.objects.filter(consent=True).count() == 60

    lead_client.post(erase_url)
    assert not CohortMember.objects.filter(consent=True).exists()


def _accept(client: Any, proposal: Any, **extra: str) -> Any:
    return client.post(
        reverse("cohorts:proposal-accept", args=[proposal.pk]),
        {"name_prefix": "Kring", "version": proposal.version, **extra},
    )


def test_accepting_shows_how_many_people_are_invited_before_anything_happens(
    lead_client: Any, lead_role: Any
) -> None:
    cohort, _p = composed(lead_role.organisation, lead_role.user, 48)
    for _n in range(4):
        CohortCoachFactory(cohort=cohort, experienced=True, capacity=2)
    proposal = actions.create_proposal(
        cohort=cohort, actor=lead_role.user, settings=SETTINGS
    )
    response = _accept(lead_client, proposal)
    text = response.content.decode()
    assert response.status_code == 200
    assert not Community.objects.filter(name__startswith="Kring").exists()
    assert "48" in text  # participants
    assert "52" in text  # participants and the 4 coaches (2 communities each)
    assert "Kring 1" in text
    assert "Kring 4" in text
    assert 'name="confirmed" value="1"' in text

    done = _accept(lead_client, proposal, confirmed="1")
    assert done.status_code == 302
    assert Community.objects.filter(name__startswith="Kring").count() == 4


def test_communities_without_a_coach_are_named_before_accepting(
    lead_client: Any, lead_role: Any
) -> None:
    cohort, _p = composed(lead_role.organisation, lead_role.user, 36)
    CohortCoachFactory(cohort=cohort, experienced=True, capacity=1)
    proposal = actions.create_proposal(
        cohort=cohort, actor=lead_role.user, settings=SETTINGS
    )
    without = [k + 1 for k, coaches in enumerate(proposal.coaches) if not coaches]
    assert len(without) == 2

    page = lead_client.get(reverse("cohorts:proposal-detail", args=[proposal.pk]))
    assert page.context["without_coach"] == without
    confirmation = _accept(lead_client, proposal)
    text = confirmation.content.decode()
    assert confirmation.context["without_coach"] == without
    for number in without:
        assert f"community {number}" in text or f"community {number}" in text.lower()


def test_a_cohort_without_any_coach_is_warned_about(
    lead_client: Any, lead_role: Any
) -> None:
    _cohort, proposal = composed(lead_role.organisation, lead_role.user, 24)
    page = lead_client.get(reverse("cohorts:proposal-detail", args=[proposal.pk]))
    assert page.context["without_coach"] == [1, 2]
    assert 'class="warning"' in page.content.decode()


def test_the_same_variant_gives_the_same_numbered_communities(
    lead_role: Any,
) -> None:
    cohort, first = composed(lead_role.organisation, lead_role.user, 60, seed=5)
    second = actions.create_proposal(
        cohort=cohort, actor=lead_role.user, settings={**SETTINGS, "seed": 5}
    )
    assert first.groups == second.groups
    assert [group[0] for group in first.groups] == sorted(
        group[0] for group in first.groups
    )


def test_the_proposal_page_explains_its_figures_in_plain_words(
    lead_client: Any, lead_role: Any
) -> None:
    lead_role.user.preferred_language = "nl"
    lead_role.user.save()
    _cohort, proposal = composed(lead_role.organisation, lead_role.user, 24)
    text = lead_client.get(
        reverse("cohorts:proposal-detail", args=[proposal.pk])
    ).content.decode()
    assert "seed" not in text.lower()
    assert "Startgetal" not in text
    assert "willekeurige indeling" in text
    assert "Wat betekenen deze cijfers?" in text
    assert "z-score" in text  # named once, inside the explanation
    assert "z = " not in text

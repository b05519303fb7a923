"""Composing, moving people by hand, re-composing and accepting a proposal."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from leerkring.accounts.models import User
from leerkring.cohorts import actions, composing
from leerkring.cohorts.models import CohortRule, Proposal
from leerkring.cohorts.tests.factories import CohortCoachFactory
from leerkring.cohorts.tests.helpers import SETTINGS, composed
from leerkring.communities import actions as community_actions
from leerkring.communities.models import Community, Invitation, Membership
from leerkring.composition import parse_problem, score_groups


def engine_score(proposal: Proposal) -> Any:
    """The engine's full score of the stored grouping, computed independently."""
    space = composing.Workspace(proposal.cohort, proposal.settings)
    return score_groups(parse_problem(space.raw), proposal.groups)


def move(client: Any, proposal: Proposal, **data: Any) -> Any:
    return client.post(
        reverse("cohorts:proposal-move", args=[proposal.pk]),
        {"version": proposal.version, **data},
        headers={"HX-Request": "true"},
    )


def test_compose_form_runs_the_engine_and_shows_the_proposal(
    lead_client: Any, lead_role: Any
) -> None:
    cohort, _proposal = composed(lead_role.organisation, lead_role.user, 30)
    response = lead_client.post(
        reverse("cohorts:compose", args=[cohort.pk]),
        {
            "use_role": "on",
            "use_age": "on",
            "weight_age": "3",
            "use_discipline": "on",
            "max_group_size": "12",
            "seed": "4",
        },
    )
    proposal = Proposal.objects.latest("pk")
    assert response.url == reverse("cohorts:proposal-detail", args=[proposal.pk])
    assert proposal.settings["weights"] == {"role": 1, "age": 3, "discipline": 1}
    assert proposal.settings["seed"] == 4
    everyone = sorted(i for g in proposal.groups for i in g)
    assert everyone == sorted(cohort.members.values_list("pk", flat=True))
    assert sorted(len(g) for g in proposal.groups) == [10, 10, 10]
    page = lead_client.get(response.url)
    assert page.status_code == 200
    assert len(page.context["cards"]) == 3
    assert proposal.z_score is not None
    assert proposal.objective > proposal.random_mean + proposal.random_sd


def test_the_stored_score_is_the_engines_full_score(lead_role: Any) -> None:
    _cohort, proposal = composed(lead_role.organisation, lead_role.user, 36)
    assert proposal.objective == pytest.approx(engine_score(proposal).objective)


def test_moving_a_person_is_rescored_exactly_and_violations_show_at_once(
    lead_client: Any, lead_role: Any
) -> None:
    """A move to a full community breaks the size rule; the score is the engine's."""
    _cohort, proposal = composed(lead_role.organisation, lead_role.user, 24)
    person = proposal.groups[0][0]
    response = move(lead_client, proposal, member=person, to_group=1, action="move")
    assert response.status_code == 200
    proposal.refresh_from_db()
    assert person in proposal.groups[1]
    assert proposal.version == 2
    assert proposal.objective == pytest.approx(engine_score(proposal).objective)
    text = response.content.decode()
    assert 'id="proposal-status" hx-swap-oob' in text
    assert "13" in " ".join(response.context["violations"])
    assert response.context["blocking"]

    back = proposal.groups[1][0]
    move(lead_client, proposal, member=back, to_group=0, action="move")
    proposal.refresh_from_db()
    assert sorted(len(g) for g in proposal.groups) == [12, 12]
    assert proposal.objective == pytest.approx(engine_score(proposal).objective)


def test_swapping_two_people_is_rescored(lead_client: Any, lead_role: Any) -> None:
    _cohort, proposal = composed(lead_role.organisation, lead_role.user, 24)
    a, b = proposal.groups[0][0], proposal.groups[1][0]
    move(lead_client, proposal, member=a, swap_with=b, action="swap")
    proposal.refresh_from_db()
    assert a in proposal.groups[1]
    assert b in proposal.groups[0]
    assert proposal.objective == pytest.approx(engine_score(proposal).objective)


def test_a_move_on_an_old_version_is_refused_and_changes_nothing(
    lead_client: Any, lead_role: Any
) -> None:
    _cohort, proposal = composed(lead_role.organisation, lead_role.user, 24)
    a, b = proposal.groups[0][0], proposal.groups[1][0]
    move(lead_client, proposal, member=a, swap_with=b, action="swap")
    before = Proposal.objects.get(pk=proposal.pk).groups
    response = move(lead_client, proposal, member=b, to_group=1, action="move")
    assert response.status_code == 409
    assert "2" in response.context["error"]
    assert Proposal.objects.get(pk=proposal.pk).groups == before


def test_accept_creates_communities_memberships_coach_pairs_and_invitations(
    lead_client: Any, lead_role: Any, django_capture_on_commit_callbacks: Any
) -> None:
    cohort, _p = composed(lead_role.organisation, lead_role.user, 24)
    CohortCoachFactory(cohort=cohort, experienced=True, capacity=1)
    CohortCoachFactory(cohort=cohort, experienced=True, capacity=1)
    CohortCoachFactory(cohort=cohort, experienced=False, capacity=2)
    proposal = actions.create_proposal(
        cohort=cohort, actor=lead_role.user, settings=SETTINGS
    )
    assert [len(c) for c in proposal.coaches] == [2, 2]
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(
            reverse("cohorts:proposal-accept", args=[proposal.pk]),
            {"name_prefix": "Kring", "version": proposal.version, "confirmed": "1"},
        )
    assert response.status_code == 302
    communities = Community.objects.filter(name__startswith="Kring ")
    assert sorted(communities.values_list("name", flat=True)) == [
        "Kring 1",
        "Kring 2",
    ]
    memberships = Membership.objects.filter(community__in=communities)
    assert memberships.participants().count() == 24
    assert memberships.coaching().count() == 4
    assert set(memberships.values_list("status", flat=True)) == {"invited"}
    assert Invitation.objects.filter(membership__in=memberships).count() == 28
    assert len(mail.outbox) == 28
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED
    assert cohort.members.filter(user__isnull=True).count() == 0


def test_accept_is_all_or_nothing_when_one_invitation_fails(
    lead_client: Any,
    lead_role: Any,
    monkeypatch: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """The 7th invitation is refused: no community, membership, account or mail."""
    _cohort, proposal = composed(lead_role.organisation, lead_role.user, 24)
    real = community_actions.invite_member
    calls = {"n": 0}

    def failing_invite(**kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 7:
            raise community_actions.MembershipError("De uitnodiging mislukt.")
        return real(**kwargs)

    monkeypatch.setattr(community_actions, "invite_member", failing_invite)
    users_before = User.objects.count()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = lead_client.post(
            reverse("cohorts:proposal-accept", args=[proposal.pk]),
            {"name_prefix": "Kring", "version": proposal.version, "confirmed": "1"},
        )
    assert calls["n"] == 7
    assert response.status_code == 422
    assert "De uitnodiging mislukt." in response.content.decode()
    assert not Community.objects.filter(name__startswith="Kring").exists()
    assert not Membership.objects.filter(community__name__startswith="Kring").exists()
    assert not Invitation.objects.filter(invited_by=lead_role.user).exists()
    assert User.objects.count() == users_before
    assert not callbacks
    assert not mail.outbox
    proposal.refresh_from_db()
    assert proposal.is_draft


def test_accept_is_refused_while_rules_are_broken(
    lead_client: Any, lead_role: Any
) -> None:
    _cohort, proposal = composed(lead_role.organisation, lead_role.user, 24)
    move(lead_client, proposal, member=proposal.groups[0][0], to_group=1, action="move")
    proposal.refresh_from_db()
    response = lead_client.post(
        reverse("cohorts:proposal-accept", args=[proposal.pk]),
        {"name_prefix": "Kring", "version": proposal.version, "confirmed": "1"},
    )
    assert response.status_code == 422
    assert not Community.objects.filter(name__startswith="Kring").exists()


def test_accept_refuses_names_already_taken(lead_client: Any, lead_role: Any) -> None:
    _cohort, proposal = composed(lead_role.organisation, lead_role.user, 24)
    Community.objects.create(organisation=lead_role.organisation, name="Kring 2")
    response = lead_client.post(
        reverse("cohorts:proposal-accept", args=[proposal.pk]),
        {"name_prefix": "Kring", "version": proposal.version, "confirmed": "1"},
    )
    assert response.status_code == 422
    assert Community.objects.filter(name__startswith="Kring").count() == 1


def test_rules_are_kept_and_an_unreachable_minimum_is_explained(
    lead_client: Any, lead_role: Any
) -> None:
    cohort, _p = composed(lead_role.organisation, lead_role.user, 36)
    members = list(cohort.members.order_by("pk"))
    actions.add_rule(
        cohort=cohort,
        kind=CohortRule.Kind.MUST_LINK,
        members=members[:2],
    )
    actions.add_rule(
        cohort=cohort,
        kind=CohortRule.Kind.CANNOT_LINK,
        members=members[2:5],
    )
    proposal = actions.create_proposal(
        cohort=cohort, actor=lead_role.user, settings=SETTINGS
    )
    where = {i: k for k, g in enumerate(proposal.groups) for i in g}
    assert where[members[0].pk] == where[members[1].pk]
    assert len({where[m.pk] for m in members[2:5]}) == 3
    assert not engine_score(proposal).violations

    actions.add_rule(
        cohort=cohort,
        kind=CohortRule.Kind.MINIMUM,
        attribute="role",
        value="manager",
        minimum=3,
    )
    response = lead_client.post(
        reverse("cohorts:compose", args=[cohort.pk]),
        {"use_role": "on", "max_group_size": "12", "seed": "0"},
    )
    assert response.status_code == 422
    errors = " ".join(response.context["compose_form"].non_field_errors())
    assert "6" in errors  # only 6 managers for 3 communities x 3
    assert "manager" in errors


def test_a_new_composition_repeats_no_pair_where_that_is_possible(
    lead_role: Any,
) -> None:
    """24 people in 6 communities of 4, then again with those as earlier groups."""
    cohort, first = composed(
        lead_role.organisation, lead_role.user, 24, max_group_size=4
    )
    first = actions.create_proposal(
        cohort=cohort, actor=lead_role.user, settings={**SETTINGS, "max_group_size": 4}
    )
    communities = actions.accept_proposal(
        proposal=first, actor=lead_role.user, version=1, name_prefix="Periode 1"
    )
    second = actions.create_proposal(
        cohort=cohort,
        actor=lead_role.user,
        settings={
            **SETTINGS,
            "max_group_size": 4,
            "previous": [c.pk for c in communities],
        },
    )
    before = {
        frozenset(pair) for g in first.groups for pair in combinations(sorted(g), 2)
    }
    again = {
        frozenset(pair) for g in second.groups for pair in combinations(sorted(g), 2)
    }
    assert second.repeated_pairs == len(before & again) == 0
    assert engine_score(second).repeated_pairs == 0


def test_people_without_consent_are_composed_by_role_only(lead_role: Any) -> None:
    cohort, _proposal = composed(lead_role.organisation, lead_role.user, 12)
    member = cohort.members.order_by("pk").first()
    actions.erase_member_data(member=member, actor=lead_role.user)
    space = composing.Workspace(cohort, SETTINGS)
    person = next(p for p in space.raw["people"] if p["id"] == member.pk)
    assert person["role"] == member.role
    assert {k: v for k, v in person.items() if k not in ("id", "role")} == {
        "age": None,
        "gender": None,
        "education": None,
        "discipline": None,
        "experience": None,
    }

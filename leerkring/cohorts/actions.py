"""Workflows on cohorts: each one atomic, keyword-only and audited where personal
data or roles change."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.accounts.models import User
from leerkring.communities import actions as community_actions
from leerkring.communities.models import (
    Community,
    LearningPeriod,
    Membership,
    Organisation,
)
from leerkring.core import audit
from leerkring.core.concurrency import claim
from leerkring.core.models import AuditAction

from . import composing
from .models import Cohort, CohortCoach, CohortMember, CohortRule, Proposal
from .upload import Consent

LEERGANG_DAYS = 183
# Groupings that differ in size by more than one may be accepted (the lead's
# choice); every other broken rule blocks accepting.
ACCEPTABLE_VIOLATIONS = {"size_imbalance"}


class ProposalError(Exception):
    """The proposal cannot be changed or accepted; the message is translated."""


@transaction.atomic
def save_cohort(
    *,
    organisation: Organisation,
    actor: User,
    name: str,
    rows: Sequence[dict[str, Any]],
    consent_source: str = Consent.COLUMN,
    skipped: int = 0,
) -> Cohort:
    """Store a checked upload: the cohort and its people, consented data only.

    The audit row keeps where consent came from (the file's column, the lead's
    word for everyone, or nobody) and how many lines with problems were left out.
    """
    cohort = Cohort.objects.create(
        organisation=organisation, name=name, created_by=actor
    )
    emails = [row["email"] for row in rows]
    users = {u.email.lower(): u for u in User.objects.filter(email__in=emails)}
    CohortMember.objects.bulk_create(
        CohortMember(
            cohort=cohort,
            user=users.get(row["email"]),
            name=row["name"],
            email=row["email"],
            role=row["role"],
            birth_year=row["birth_year"],
            gender=row["gender"],
            education=row["education"],
            discipline=row["discipline"],
            experience_years=row["experience_years"],
            custom=row["custom"],
            consent=row["consent"],
            consent_date=(
                datetime.date.fromisoformat(row["consent_date"])
                if row["consent_date"]
                else None
            ),
            consent_scope=row["consent_scope"],
        )
        for row in rows
    )
    audit.record(
        AuditAction.COHORT_UPLOADED,
        actor=actor,
        target=f"cohort:{cohort.pk}",
        people=len(rows),
        with_consent=sum(1 for row in rows if row["consent"]),
        consent_source=consent_source,
        lines_left_out=skipped,
    )
    return cohort


@transaction.atomic
def erase_member_data(*, member: CohortMember, actor: User) -> None:
    """Forget one person's diversity attributes and consent; they stay."""
    member.erase_diversity_data()
    audit.record(
        AuditAction.DIVERSITY_DATA_ERASED,
        actor=actor,
        target=f"cohort_member:{member.pk}",
    )


@transaction.atomic
def erase_cohort_data(*, cohort: Cohort, actor: User) -> int:
    """Forget the diversity attributes and consent of everyone in the cohort."""
    count = cohort.members.update(
        birth_year=None,
        experience_years=None,
        gender="",
        education="",
        discipline="",
        custom={},
        consent=False,
        consent_date=None,
        consent_scope=[],
    )
    audit.record(
        AuditAction.DIVERSITY_DATA_ERASED,
        actor=actor,
        target=f"cohort:{cohort.pk}",
        people=count,
    )
    return count


@transaction.atomic
def delete_cohort(*, cohort: Cohort, actor: User) -> None:
    """Delete the cohort with its people, rules, coaches and proposals.

    Communities created from it stay: they have their own members.
    """
    target = f"cohort:{cohort.pk}"
    cohort.delete()
    audit.record(AuditAction.COHORT_DELETED, actor=actor, target=target)


@transaction.atomic
def add_rule(
    *,
    cohort: Cohort,
    kind: str,
    members: Sequence[CohortMember] = (),
    attribute: str = "",
    value: str = "",
    minimum: int | None = None,
) -> CohortRule:
    rule = CohortRule.objects.create(
        cohort=cohort, kind=kind, attribute=attribute, value=value, minimum=minimum
    )
    rule.members.set(members)
    return rule


@transaction.atomic
def add_coach(
    *,
    cohort: Cohort,
    name: str,
    email: str,
    experienced: bool,
    capacity: int,
    conflicts: Sequence[CohortMember] = (),
) -> CohortCoach:
    coach = CohortCoach.objects.create(
        cohort=cohort,
        name=name,
        email=email.lower(),
        experienced=experienced,
        capacity=capacity,
    )
    coach.conflicts.set(conflicts)
    return coach


def create_proposal(
    *, cohort: Cohort, actor: User, settings: dict[str, Any]
) -> Proposal:
    """Run the engine on the cohort and keep its answer as a draft proposal.

    The engine runs outside the transaction (0.5 s); only the write is atomic.
    Raises composing.ComposeError with a translated message.
    """
    space = composing.Workspace(cohort, settings)
    outcome = composing.run(space.raw, space.names)
    with transaction.atomic():
        proposal = Proposal.objects.create(
            cohort=cohort,
            created_by=actor,
            settings=settings,
            groups=outcome.groups,
            coaches=space.coach_ids(outcome.groups),
            objective=outcome.objective,
            random_mean=outcome.random_mean,
            random_sd=outcome.random_sd,
            repeated_pairs=outcome.repeated_pairs,
            seconds=outcome.seconds,
        )
    return proposal


def _lock(proposal: Proposal, version: int) -> Proposal:
    locked = (
        Proposal.objects.select_for_update()
        .select_related("cohort")
        .get(pk=proposal.pk)
    )
    claim(locked, version)
    if not locked.is_draft:
        raise ProposalError(
            _("This proposal has been accepted; it can no longer change.")
        )
    return locked


@transaction.atomic
def move_member(
    *,
    proposal: Proposal,
    member_id: int,
    version: int,
    to_group: int | None = None,
    swap_with: int | None = None,
) -> Proposal:
    """Move one person to another community, or swap two people; rescored by the
    engine's ``score_groups``. Refused when the proposal changed meanwhile."""
    proposal = _lock(proposal, version)
    groups = [list(g) for g in proposal.groups]
    where = {i: k for k, group in enumerate(groups) for i in group}
    if member_id not in where or (swap_with is not None and swap_with not in where):
        raise ProposalError(_("This person is not in the proposal."))
    source = where[member_id]
    if swap_with is not None:
        target = where[swap_with]
        groups[target][groups[target].index(swap_with)] = member_id
        groups[source][groups[source].index(member_id)] = swap_with
    elif to_group is not None and 0 <= to_group < len(groups):
        groups[source].remove(member_id)
        groups[to_group].append(member_id)
    else:
        raise ProposalError(_("Choose a community to move to."))
    space = composing.Workspace(proposal.cohort, proposal.settings)
    groups = space.clean(groups)
    try:
        score = composing.rescore(composing.parse(space.raw, space.names), groups)
    except composing.ComposeError as error:
        raise ProposalError(str(error)) from error
    proposal.groups = groups
    proposal.objective = score.objective
    proposal.repeated_pairs = score.repeated_pairs
    proposal.coaches = space.coach_ids(groups)
    proposal.save()
    return proposal


@transaction.atomic
def accept_proposal(
    *,
    proposal: Proposal,
    actor: User,
    version: int,
    name_prefix: str,
    start_date: datetime.date | None = None,
) -> list[Community]:
    """Create the communities, invite every person and coach pair — all or nothing.

    Uses ``communities.actions.invite_member`` for each invitation (its limits,
    its e-mail after commit). Any refusal rolls everything back.
    """
    proposal = _lock(proposal, version)
    cohort = proposal.cohort
    space = composing.Workspace(cohort, proposal.settings)
    groups = space.clean(proposal.groups)
    try:
        problem = composing.parse(space.raw, space.names)
    except composing.ComposeError as error:
        raise ProposalError(str(error)) from error
    score = composing.rescore(problem, groups)
    blocking = [v for v in score.violations if v.kind not in ACCEPTABLE_VIOLATIONS]
    if blocking:
        raise ProposalError(
            _("Resolve the rule violations first (%(count)s).")
            % {"count": len(blocking)}
        )
    names = [f"{name_prefix} {k}" for k in range(1, len(groups) + 1)]
    taken = Community.objects.filter(
        organisation=cohort.organisation, name__in=names
    ).values_list("name", flat=True)
    if taken:
        raise ProposalError(
            _("A community called %(name)s already exists; choose another name.")
            % {"name": taken[0]}
        )
    try:
        communities = _create_communities(
            proposal, space, actor=actor, names=names, start_date=start_date
        )
    except community_actions.MembershipError as error:
        # Raised inside the atomic block: every community and invitation so far
        # is rolled back, and no e-mail leaves (they are sent on commit).
        raise ProposalError(str(error)) from error
    proposal.status = Proposal.Status.ACCEPTED
    proposal.accepted_at = timezone.now()
    proposal.save()
    proposal.communities.set(communities)
    audit.record(
        AuditAction.COMMUNITIES_COMPOSED,
        actor=actor,
        target=f"proposal:{proposal.pk}",
        communities=[c.pk for c in communities],
    )
    return communities


def _create_communities(
    proposal: Proposal,
    space: composing.Workspace,
    *,
    actor: User,
    names: list[str],
    start_date: datetime.date | None,
) -> list[Community]:
    """One community per group, with its period, participants and coach pair."""
    coaches = {c.pk: c for c in space.coaches}
    cohort = proposal.cohort
    groups = space.clean(proposal.groups)
    communities = []
    coach_groups = list(proposal.coaches) + [[]] * len(groups)
    for name, group, coach_ids in zip(names, groups, coach_groups, strict=False):
        community = Community.objects.create(
            organisation=cohort.organisation,
            name=name,
            description=_("Composed from the cohort %(cohort)s.") % {"cohort": cohort},
        )
        if start_date is not None:
            LearningPeriod.objects.create(
                community=community,
                kind=LearningPeriod.Kind.LEERGANG,
                start_date=start_date,
                end_date=start_date + datetime.timedelta(days=LEERGANG_DAYS),
            )
        for member_id in group:
            member = space.by_id[member_id]
            invitation = community_actions.invite_member(
                community=community,
                actor=actor,
                email=member.email,
                display_name=member.name,
                role=Membership.Role.PARTICIPANT,
            )
            member.user = invitation.membership.user
            member.save(update_fields=["user"])
        for coach_id in coach_ids:
            coach = coaches.get(coach_id)
            if coach is None:
                continue
            community_actions.invite_member(
                community=community,
                actor=actor,
                email=coach.email,
                display_name=coach.name,
                role=Membership.Role.COACH
                if coach.experienced
                else Membership.Role.APPRENTICE_COACH,
            )
        communities.append(community)
    return communities

"""What the cohort and proposal pages show, computed once per request."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from leerkring.communities.models import Community, Organisation
from leerkring.composition import Score, Violation

from . import composing, upload
from .composing import ComposeError, Profile, Workspace
from .models import Cohort, CohortCoach, CohortMember, CohortRole, Proposal, role_label


@dataclass
class Card:
    number: int
    index: int
    members: list[CohortMember]
    coaches: list[CohortCoach]
    profiles: list[Profile]
    mean_distance: float


def shown_value(attribute: str, value: str) -> str:
    """A category as people read it: roles translated, other values as entered."""
    return role_label(value) if attribute == "role" else value


def categories(space: Workspace) -> list[tuple[str, str]]:
    """Choices "attribute=value" for minimum rules, with how many people have it."""
    choices = []
    for attribute in space.attributes:
        if attribute.numeric:
            continue
        counts = Counter(
            str(m.attribute_values().get(attribute.name) or "") for m in space.members
        )
        for value, count in sorted(counts.items(), key=lambda kv: -kv[1]):
            if not value:
                continue
            label = f"{attribute.label}: {shown_value(attribute.name, value)} ({count})"
            choices.append((f"{attribute.name}={value}", label))
    return choices


def describe(violation: Violation, space: Workspace, groups: list[list[int]]) -> str:
    """A translated sentence for one broken rule, with names and community numbers."""
    names = ", ".join(space.names.get(int(i), str(i)) for i in violation.ids)
    number = (violation.group or 0) + 1
    if violation.kind == "size_imbalance":
        sizes = sorted(len(g) for g in groups)
        return _(
            "Community sizes differ by more than one (%(low)s to %(high)s people)."
        ) % {"low": sizes[0], "high": sizes[-1]}
    if violation.kind == "group_too_large":
        return _("Community %(number)s has %(count)s people, more than %(max)s.") % {
            "number": number,
            "count": len(groups[number - 1]),
            "max": space.settings.get("max_group_size", 12),
        }
    if violation.kind == "must_link":
        return _("%(names)s must be in the same community.") % {"names": names}
    if violation.kind == "cannot_link":
        return _("%(names)s must not be in the same community (%(number)s).") % {
            "names": names,
            "number": number,
        }
    if violation.kind == "min_per_group" and violation.rule is not None:
        return _(
            "Community %(number)s needs at least %(min)s × %(value)s, now %(count)s."
        ) % {
            "number": number,
            "min": violation.rule.minimum,
            "value": shown_value(violation.rule.attribute, violation.rule.value),
            "count": violation.count,
        }
    if violation.kind == "missing":
        return _("Not in any community: %(names)s.") % {"names": names}
    return _("A rule is broken: %(detail)s") % {"detail": violation.message}


def proposal_context(proposal: Proposal) -> dict[str, Any]:
    space = Workspace(proposal.cohort, proposal.settings)
    groups = space.clean(proposal.groups)
    problem_error = None
    score: Score | None = None
    try:
        score = composing.rescore(composing.parse(space.raw, space.names), groups)
    except ComposeError as error:
        problem_error = str(error)
    counted = space.counted
    drawn = composing.profiles(groups, space.by_id, counted)
    coaches = {c.pk: c for c in space.coaches}
    coach_groups = proposal.coaches or [[] for _g in groups]
    cards = [
        Card(
            number=k + 1,
            index=k,
            members=sorted(
                (space.by_id[i] for i in group), key=lambda m: (m.name, m.pk)
            ),
            coaches=[coaches[c] for c in coach_groups[k] if c in coaches]
            if k < len(coach_groups)
            else [],
            profiles=drawn[k],
            mean_distance=score.group_mean_distance[k] if score else 0.0,
        )
        for k, group in enumerate(groups)
    ]
    violations = []
    blocking = False
    if score is not None:
        for violation in score.violations:
            violations.append(describe(violation, space, groups))
            blocking = blocking or violation.kind != "size_imbalance"
    previous = list(
        Community.objects.filter(pk__in=space.previous_ids).values_list(
            "name", flat=True
        )
    )
    return {
        "proposal": proposal,
        "cohort": proposal.cohort,
        "organisation": proposal.cohort.organisation,
        "cards": cards,
        "score": score,
        "counted": counted,
        "violations": sorted(set(violations)),
        "blocking": blocking or problem_error is not None,
        "problem_error": problem_error,
        "previous": previous,
        "has_coaches": bool(space.coaches),
        "without_second": [c.number for c in cards if len(c.coaches) == 1],
        "without_coach": [c.number for c in cards if not c.coaches],
        "names": space.names,
        "groups": groups,
    }


def cohort_context(cohort: Cohort) -> dict[str, Any]:
    space = Workspace(cohort, {})
    return {
        "cohort": cohort,
        "organisation": cohort.organisation,
        "members": space.members,
        "custom": cohort_custom(space.members),
        "rules": space.rules,
        "coaches": space.coaches,
        "space": space,
        "proposals": list(
            cohort.proposals.annotate(community_count=Count("communities")).order_by(
                "-created_at", "-id"
            )[:10]
        ),
        "consented": sum(1 for m in space.members if m.consent),
    }


def cohort_custom(members: list[CohortMember]) -> list[str]:
    names: dict[str, None] = {}
    for member in members:
        names.update(dict.fromkeys(member.custom))
    return list(names)


@dataclass
class RoleLine:
    label: str
    names: list[str]
    role: CohortRole | None = None
    """Set for a role of the organisation's own (it can be removed)."""


def cohort_roles(organisation: Organisation) -> list[RoleLine]:
    """The roles a cohort file may use: the standard ones, then the organisation's."""
    spelled: dict[str, list[str]] = {}
    for name, value in upload.ROLES.items():
        spelled.setdefault(value, []).append(name.replace("_", " "))
    lines = [
        RoleLine(str(role.label), spelled.get(role.value, []))
        for role in CohortMember.Role
    ]
    lines += [
        RoleLine(role.name, role.names[1:], role)
        for role in organisation.cohort_roles.all()
    ]
    return lines


def erase_context(cohort: Cohort) -> dict[str, Any]:
    """What erasing all diversity data takes away, counted."""
    members = cohort.members.all()
    return {
        "cohort": cohort,
        "organisation": cohort.organisation,
        "people": members.count(),
        "consented": members.filter(consent=True).count(),
        "drafts": cohort.proposals.filter(status=Proposal.Status.DRAFT).count(),
    }


def accept_context(proposal: Proposal, form: Any) -> dict[str, Any]:
    """The confirmation before accepting: who gets invited, which community has
    no coach, and the accept form's values to send again."""
    context = proposal_context(proposal)
    cards: list[Card] = context["cards"]
    coach_ids = {coach.pk for card in cards for coach in card.coaches}
    context.update(
        accept_form=form,
        participants=sum(len(card.members) for card in cards),
        coach_count=len(coach_ids),
        community_names=[
            f"{form.cleaned_data['name_prefix']} {card.number}" for card in cards
        ],
    )
    return context

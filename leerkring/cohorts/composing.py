"""The bridge between a cohort in the database and the composition engine.

Builds the engine's problem from the cohort (consented attributes only, the
lead's choice of attributes and weights, the cohort's rules and earlier
communities), runs it, scores hand-edited groupings with the engine's own
``score_groups`` and assigns coaches with ``assign_coaches``.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from leerkring.communities.models import Membership
from leerkring.composition import (
    Coach,
    CoachAssignment,
    Problem,
    ProblemError,
    Score,
    assign_coaches,
    compose,
    parse_problem,
    random_objectives,
    score_groups,
)

from .models import (
    NUMERIC_ATTRIBUTES,
    Cohort,
    CohortCoach,
    CohortMember,
    CohortRule,
    attribute_label,
    role_label,
)

TIME_BUDGET_S = 0.5
RANDOM_SAMPLES = 100
RANDOM_WORK = 12_000  # samples x people: keeps the baseline under ~0.2 s
STANDARD = ("role", "age", "gender", "education", "discipline", "experience")


@dataclass(frozen=True)
class Attribute:
    name: str
    label: str
    numeric: bool

    @property
    def own(self) -> bool:
        """A column of the lead's own file (not one Leerkring knows)."""
        return self.name not in STANDARD


class ComposeError(Exception):
    """The engine refuses the problem; the message is translated for the lead."""


def _is_number(value: object) -> bool:
    try:
        return math.isfinite(float(str(value).replace(",", ".")))
    except ValueError:
        return False


def available_attributes(members: Sequence[CohortMember]) -> list[Attribute]:
    """Role, plus every diversity attribute that someone in the cohort has."""
    values: dict[str, list[Any]] = {name: [] for name in STANDARD}
    for member in members:
        for name, value in member.attribute_values().items():
            if value not in (None, ""):
                values.setdefault(name, []).append(value)
    found = []
    for name, given in values.items():
        if name != "role" and not given:
            continue
        numeric = name in NUMERIC_ATTRIBUTES or (
            name not in STANDARD and all(_is_number(v) for v in given)
        )
        found.append(Attribute(name, str(attribute_label(name)), numeric))
    return found


def previous_groups(
    members: Sequence[CohortMember], community_ids: Iterable[int]
) -> list[list[int]]:
    """Earlier communities as groups of cohort member ids (matched by e-mail).

    Every participant counts, invited, active or left: they were composed together.
    """
    by_email = {m.email.lower(): m.pk for m in members}
    groups: dict[int, list[int]] = {}
    memberships = Membership.objects.filter(
        community_id__in=list(community_ids),
        role=Membership.Role.PARTICIPANT,
    ).values_list("community_id", "user__email")
    for community_id, email in memberships:
        member_id = by_email.get(email.lower())
        if member_id is not None:
            groups.setdefault(community_id, []).append(member_id)
    return [group for group in groups.values() if len(group) > 1]


def build_problem(
    members: Sequence[CohortMember],
    settings: dict[str, Any],
    rules: Sequence[CohortRule],
    attributes: Sequence[Attribute],
    previous: Sequence[Sequence[int]] = (),
) -> dict[str, Any]:
    """The engine's problem (the JSON contract) for this cohort and these settings."""
    weights: dict[str, float] = settings.get("weights", {})
    chosen = [a for a in attributes if weights.get(a.name, 0) > 0]
    people = []
    for member in members:
        values = member.attribute_values()
        person: dict[str, Any] = {"id": member.pk, "role": member.role}
        for attribute in chosen:
            value = values.get(attribute.name)
            if attribute.numeric and value not in (None, ""):
                value = float(str(value).replace(",", "."))
            person[attribute.name] = value
        people.append(person)
    problem: dict[str, Any] = {
        "people": people,
        "numeric": [a.name for a in chosen if a.numeric],
        "categorical": [a.name for a in chosen if not a.numeric],
        "weights": {a.name: float(weights[a.name]) for a in chosen},
        "max_group_size": settings.get("max_group_size", 12),
        "must_link": [],
        "cannot_link": [],
        "min_per_group": [],
        "previous_groups": [[list(g) for g in previous]] if previous else [],
        "time_budget_s": TIME_BUDGET_S,
        "seed": settings.get("seed", 0),
    }
    for rule in rules:
        ids = sorted(m.pk for m in rule.members.all())
        if rule.kind == CohortRule.Kind.MUST_LINK and len(ids) > 1:
            problem["must_link"].append(ids)
        elif rule.kind == CohortRule.Kind.CANNOT_LINK and len(ids) > 1:
            problem["cannot_link"].append(ids)
        elif rule.kind == CohortRule.Kind.MINIMUM:
            problem["min_per_group"].append(
                {"attribute": rule.attribute, "value": rule.value, "min": rule.minimum}
            )
    return problem


def _names(ids: Sequence[Any], names: dict[int, str]) -> str:
    shown = [names.get(int(i), str(i)) for i in ids[:8]]
    return ", ".join(shown) + (" …" if len(ids) > 8 else "")


def explain(error: ProblemError, names: dict[int, str]) -> str:
    """A translated message for the lead, naming people instead of ids."""
    params = error.params
    people = _names(error.ids, names)
    messages = {
        "too_few_people": _("A cohort needs at least two people to compose."),
        "contradictory_links": _(
            "%(people)s must be together and apart at the same time. Remove one "
            "of the two rules."
        ),
        "must_link_too_large": _(
            "The people who must be together (%(people)s) are more than fit in "
            "one community."
        ),
        "minimum_unreachable": _(
            'Only %(available)s people have %(attribute)s "%(value)s", but '
            "%(groups)s communities need at least %(minimum)s each. Lower the "
            "minimum or remove the rule."
        ),
        "minimum_too_large": _(
            'A minimum of %(minimum)s for %(attribute)s "%(value)s" is more than '
            "fits in the smallest community."
        ),
        "infeasible": _(
            "No composition keeps all rules at once (together, apart, minimums). "
            "Loosen one of them."
        ),
    }
    template = messages.get(error.code)
    if template is None:
        return _("The composition cannot be made: %(reason)s") % {
            "reason": error.message
        }
    attribute = params.get("attribute", "")
    values = {
        "people": people,
        "available": params.get("available", ""),
        "attribute": attribute_label(attribute) if attribute else "",
        "value": params.get("value", ""),
        "groups": params.get("groups", ""),
        "minimum": params.get("minimum", ""),
    }
    return template % values


def parse(raw: dict[str, Any], names: dict[int, str]) -> Problem:
    try:
        return parse_problem(raw)
    except ProblemError as error:
        raise ComposeError(explain(error, names)) from error


@dataclass(frozen=True)
class Outcome:
    groups: list[list[int]]
    objective: float
    random_mean: float
    random_sd: float
    repeated_pairs: int
    seconds: float


def run(raw: dict[str, Any], names: dict[int, str]) -> Outcome:
    """Compose with the engine (0.5 s budget) and measure against random."""
    problem = parse(raw, names)
    try:
        # Reproducible: the lead's variant number must give the same proposal
        # on a busy server too (the clock cap would cut the search short).
        solution = compose(problem, reproducible=True)
    except ProblemError as error:
        raise ComposeError(explain(error, names)) from error
    groups = numbered([[int(i) for i in group] for group in solution.groups])
    samples = max(20, min(RANDOM_SAMPLES, RANDOM_WORK // max(1, problem.n)))
    baseline = random_objectives(problem, samples, seed=problem.seed + 7919)
    return Outcome(
        groups=groups,
        objective=solution.objective,
        random_mean=statistics.fmean(baseline),
        random_sd=statistics.pstdev(baseline),
        repeated_pairs=solution.repeated_pairs,
        seconds=solution.seconds,
    )


def numbered(groups: Sequence[Sequence[int]]) -> list[list[int]]:
    """Communities in a fixed order (by their first person in the cohort), each
    sorted: the same grouping is always numbered the same way."""
    ordered = [sorted(group) for group in groups]
    return sorted(ordered, key=lambda group: group[0] if group else 0)


def rescore(problem: Problem, groups: Sequence[Sequence[int]]) -> Score:
    return score_groups(problem, groups)


def coach_assignment(
    coaches: Sequence[CohortCoach],
    groups: Sequence[Sequence[int]],
    members: Sequence[CohortMember],
    previous_community_ids: Iterable[int],
) -> CoachAssignment:
    """Two coaches per community by the engine, conflicts and earlier contact known."""
    by_email = {m.email.lower(): m.pk for m in members}
    coached: dict[str, set[str]] = {}
    ids = list(previous_community_ids)
    if ids:
        rows = Membership.objects.filter(community_id__in=ids).values_list(
            "community_id", "role", "user__email"
        )
        participants: dict[int, set[str]] = {}
        coaches_of: dict[int, set[str]] = {}
        for community_id, role, email in rows:
            if role == Membership.Role.PARTICIPANT and email.lower() in by_email:
                participants.setdefault(community_id, set()).add(
                    str(by_email[email.lower()])
                )
            elif role in Membership.COACHING_ROLES:
                coaches_of.setdefault(community_id, set()).add(email.lower())
        for community_id, emails in coaches_of.items():
            for email in emails:
                coached.setdefault(email, set()).update(
                    participants.get(community_id, set())
                )
    engine_coaches = [
        Coach(
            id=coach.pk,
            experienced=coach.experienced,
            capacity=coach.capacity,
            conflicts=frozenset(str(m.pk) for m in coach.conflicts.all()),
            previously_coached=frozenset(coached.get(coach.email.lower(), set())),
        )
        for coach in coaches
    ]
    return assign_coaches(engine_coaches, groups)


@dataclass(frozen=True)
class Segment:
    label: str
    count: int
    x: float
    width: float
    css: str


@dataclass(frozen=True)
class Profile:
    """One attribute of one community, ready to draw (SVG bar) and read (text)."""

    attribute: Attribute
    segments: list[Segment]
    summary: str
    low: float = 0.0
    width: float = 0.0
    mean_x: float = 0.0


def _categories(members: Sequence[CohortMember], name: str) -> list[str]:
    counts = Counter(_category(m, name) for m in members)
    return [c for c, _n in counts.most_common()]


def _category(member: CohortMember, name: str) -> str:
    value = member.attribute_values().get(name)
    if value in (None, ""):
        return str(_("unknown"))
    if name == "role":
        return role_label(value)
    return str(value)


def profiles(
    groups: Sequence[Sequence[int]],
    members: dict[int, CohortMember],
    attributes: Sequence[Attribute],
) -> list[list[Profile]]:
    """Per community, per counted attribute: category shares or the numeric spread."""
    everyone = list(members.values())
    order = {a.name: _categories(everyone, a.name) for a in attributes if not a.numeric}
    ranges: dict[str, tuple[float, float]] = {}
    for a in attributes:
        if a.numeric:
            given = [_numeric(m, a.name) for m in everyone]
            present = [v for v in given if v is not None]
            ranges[a.name] = (min(present), max(present)) if present else (0.0, 0.0)
    result = []
    for group in groups:
        people = [members[i] for i in group if i in members]
        row = []
        for attribute in attributes:
            if attribute.numeric:
                row.append(_numeric_profile(attribute, people, ranges[attribute.name]))
            else:
                row.append(_category_profile(attribute, people, order[attribute.name]))
        result.append(row)
    return result


def _numeric(member: CohortMember, name: str) -> float | None:
    value = member.attribute_values().get(name)
    if value in (None, "") or not _is_number(value):
        return None
    return float(str(value).replace(",", "."))


def _numeric_profile(
    attribute: Attribute, people: Sequence[CohortMember], bounds: tuple[float, float]
) -> Profile:
    values = [v for v in (_numeric(m, attribute.name) for m in people) if v is not None]
    unknown = len(people) - len(values)
    if not values:
        return Profile(attribute, [], _("unknown for everyone"))
    low, high = bounds
    span = (high - low) or 1.0
    mean = statistics.fmean(values)
    summary = _("%(low)s to %(high)s, mean %(mean)s") % {
        "low": f"{min(values):g}",
        "high": f"{max(values):g}",
        "mean": f"{mean:.0f}",
    }
    if unknown:
        summary += ", " + _("%(count)s unknown") % {"count": unknown}
    return Profile(
        attribute,
        [],
        summary,
        low=100 * (min(values) - low) / span,
        width=max(1.0, 100 * (max(values) - min(values)) / span),
        mean_x=100 * (mean - low) / span,
    )


def _category_profile(
    attribute: Attribute, people: Sequence[CohortMember], order: list[str]
) -> Profile:
    counts = Counter(_category(m, attribute.name) for m in people)
    total = max(1, len(people))
    segments, x = [], 0.0
    for index, label in enumerate(order):
        count = counts.get(label, 0)
        if not count:
            continue
        width = 100 * count / total
        css = "cat-unknown" if label == str(_("unknown")) else f"cat-{index % 8}"
        segments.append(Segment(label, count, x, width, css))
        x += width
    summary = ", ".join(f"{s.label} {s.count}" for s in segments)
    return Profile(attribute, segments, summary)


class Workspace:
    """A cohort's people, rules and coaches, loaded once for"""

    def __init__(self, cohort: Cohort, settings: dict[str, Any]) -> None:
        self.cohort = cohort
        self.settings = settings
        self.members = list(cohort.members.all())
        self.by_id = {m.pk: m for m in self.members}
        self.names = {m.pk: m.name for m in self.members}
        self.rules = list(cohort.rules.prefetch_related("members"))
        self.coaches = list(cohort.coaches.prefetch_related("conflicts"))
        self.attributes = available_attributes(self.members)
        self.previous_ids: list[int] = list(settings.get("previous", []))
        self.previous = previous_groups(self.members, self.previous_ids)
        self.raw = build_problem(
            self.members, settings, self.rules, self.attributes, self.previous
        )

    @property
    def counted(self) -> list[Attribute]:
        weights = self.settings.get("weights", {})
        return [a for a in self.attributes if weights.get(a.name, 0) > 0]

    def clean(self, groups: Sequence[Sequence[int]]) -> list[list[int]]:
        """The groups without people who were erased from the cohort since."""
        return [[i for i in group if i in self.by_id] for group in groups]

    def coach_ids(self, groups: Sequence[Sequence[int]]) -> list[list[int]]:
        if not self.coaches:
            return [[] for _group in groups]
        assignment = coach_assignment(
            self.coaches, groups, self.members, self.previous_ids
        )
        return [[int(c) for c in ids] for ids in assignment.coaches]

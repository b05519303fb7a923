"""The composition problem: parsing and validating the input, once.

Everything the engine needs is checked here, so the engine itself can assume a
well-formed problem. Invalid input raises :class:`ProblemError`, whose ``code``
and ``params`` let a caller (the Django app) show a translated message, and
whose ``ids`` name the offending people.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn

PersonId = str | int

UNKNOWN = "unknown"
"""The category a missing categorical value counts as."""

DEFAULT_MAX_GROUP_SIZE = 12
DEFAULT_TIME_BUDGET_S = 0.5
DEFAULT_REPEAT_PENALTY = 2.0
DEFAULT_REPEAT_DECAY = 0.75


class ProblemError(ValueError):
    """The problem cannot be solved as given.

    ``code`` is a stable machine-readable reason, ``params`` the values the
    message was built from (for translation), ``ids`` the offending person ids.
    """

    def __init__(
        self,
        code: str,
        message: str,
        *,
        ids: Sequence[PersonId] = (),
        params: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.ids: tuple[PersonId, ...] = tuple(ids)
        self.params: dict[str, Any] = dict(params or {})


@dataclass(frozen=True)
class MinPerGroup:
    """At least ``minimum`` people with ``attribute == value`` in every group."""

    attribute: str
    value: str
    minimum: int


@dataclass(frozen=True)
class Problem:
    """A validated composition problem.

    People are addressed by their position (0..n-1) everywhere except in
    ``ids``; constraint lists hold positions. Categorical values are
    normalised to strings, missing ones to :data:`UNKNOWN`; numeric values are
    floats with ``nan`` for missing.
    """

    ids: tuple[PersonId, ...]
    numeric: tuple[str, ...] = ()
    categorical: tuple[str, ...] = ()
    weights: Mapping[str, float] = field(default_factory=dict)
    numeric_values: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    categorical_values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    max_group_size: int = DEFAULT_MAX_GROUP_SIZE
    must_link: tuple[tuple[int, ...], ...] = ()
    cannot_link: tuple[tuple[int, int], ...] = ()
    min_per_group: tuple[MinPerGroup, ...] = ()
    min_members: tuple[tuple[int, ...], ...] = ()
    """For each entry of ``min_per_group``, the people that count for it."""
    previous_groups: tuple[tuple[tuple[int, ...], ...], ...] = ()
    fixed: Mapping[int, int] = field(default_factory=dict)
    time_budget_s: float = DEFAULT_TIME_BUDGET_S
    seed: int = 0
    repeat_penalty: float = DEFAULT_REPEAT_PENALTY
    repeat_decay: float = DEFAULT_REPEAT_DECAY

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def n_groups(self) -> int:
        return math.ceil(self.n / self.max_group_size)

    def group_size_bounds(self) -> tuple[int, int]:
        """Smallest and largest allowed group size (they differ by at most one)."""
        low = self.n // self.n_groups
        high = low if self.n % self.n_groups == 0 else low + 1
        return low, high

    def period_penalties(self) -> tuple[float, ...]:
        """Penalty per previous period, oldest first; the most recent weighs most."""
        count = len(self.previous_groups)
        return tuple(
            self.repeat_penalty * self.repeat_decay ** (count - 1 - t)
            for t in range(count)
        )


def _fail(
    code: str, message: str, ids: Sequence[PersonId] = (), **params: Any
) -> NoReturn:
    raise ProblemError(code, message, ids=ids, params=params)


def _id_list(ids: Sequence[PersonId]) -> str:
    shown = [str(i) for i in ids[:20]]
    more = f" (+{len(ids) - 20} more)" if len(ids) > 20 else ""
    return ", ".join(shown) + more


def category_key(value: object) -> str:
    """Normalise a categorical value: missing or blank becomes :data:`UNKNOWN`."""
    if value is None:
        return UNKNOWN
    if isinstance(value, float) and math.isnan(value):
        return UNKNOWN
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        # 3.0 and 3 are the same category whether they came from JSON or a CSV.
        return str(int(value))
    text = str(value).strip()
    return text if text else UNKNOWN


def _numeric_value(value: object) -> float | None:
    """A float, ``nan`` for missing, or ``None`` when the value is not a number."""
    if value is None:
        return math.nan
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return math.nan
        try:
            number = float(text)
        except ValueError:
            return None
    else:
        return None
    if math.isnan(number):
        return math.nan
    if math.isinf(number):
        return None
    return number


def _names(raw: object, key: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        _fail("bad_type", f'"{key}" must be a list of attribute names.', key=key)
    names = tuple(raw)
    if len(set(names)) != len(names):
        _fail("duplicate_attribute", f'"{key}" names an attribute twice.', key=key)
    if "id" in names:
        _fail("bad_attribute", f'"{key}" cannot include "id".', key=key)
    return names


def _int_field(raw: Mapping[str, Any], key: str, default: int, minimum: int) -> int:
    value = raw.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float):
        _fail("bad_type", f'"{key}" must be a whole number.', key=key)
    if isinstance(value, float) and not value.is_integer():
        _fail("bad_type", f'"{key}" must be a whole number.', key=key)
    number = int(value)
    if number < minimum:
        _fail(
            "too_small",
            f'"{key}" must be at least {minimum}, got {number}.',
            key=key,
            minimum=minimum,
            value=number,
        )
    return number


def _float_field(raw: Mapping[str, Any], key: str, default: float) -> float:
    value = raw.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float):
        _fail("bad_type", f'"{key}" must be a number.', key=key)
    number = float(value)
    if not math.isfinite(number) or number < 0:
        _fail("bad_value", f'"{key}" must be a non-negative number.', key=key)
    return number


class _Ids:
    """Look up people by id; ids match by their text, so 7 and "7" are one id."""

    def __init__(self, ids: Sequence[PersonId]) -> None:
        self.ids = ids
        self.index = {str(pid): i for i, pid in enumerate(ids)}

    def resolve(self, raw: object, where: str) -> list[int]:
        if not isinstance(raw, list):
            _fail("bad_type", f'Every entry of "{where}" must be a list of ids.')
        unknown = [x for x in raw if str(x) not in self.index]
        if unknown:
            _fail(
                "unknown_ids",
                f'Unknown person ids in "{where}": {_id_list(unknown)}.',
                unknown,
                where=where,
            )
        return [self.index[str(x)] for x in raw]


def _parse_people(raw: object) -> tuple[list[PersonId], list[Mapping[str, Any]]]:
    if not isinstance(raw, list):
        _fail("bad_type", '"people" must be a list of objects with an "id".')
    people: list[Mapping[str, Any]] = []
    ids: list[PersonId] = []
    missing_id: list[int] = []
    for position, person in enumerate(raw):
        if not isinstance(person, dict):
            _fail("bad_type", f"Person number {position + 1} is not an object.")
        pid = person.get("id")
        if isinstance(pid, bool) or not isinstance(pid, str | int) or str(pid) == "":
            missing_id.append(position + 1)
            continue
        ids.append(pid)
        people.append(person)
    if missing_id:
        _fail(
            "missing_id",
            "People without a usable id (positions "
            f"{', '.join(map(str, missing_id[:20]))}).",
            positions=missing_id,
        )
    seen: dict[str, int] = {}
    duplicates: list[PersonId] = []
    for pid in ids:
        seen[str(pid)] = seen.get(str(pid), 0) + 1
        if seen[str(pid)] == 2:
            duplicates.append(pid)
    if duplicates:
        _fail(
            "duplicate_ids",
            f"Duplicate person ids: {_id_list(duplicates)}.",
            duplicates,
        )
    if len(ids) < 2:
        _fail(
            "too_few_people",
            f"At least 2 people are needed, got {len(ids)}.",
            count=len(ids),
        )
    return ids, people


def _union_find_groups(n: int, links: Sequence[Sequence[int]]) -> list[list[int]]:
    """Merge overlapping must-link lists into disjoint groups (size >= 2)."""
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        for other in link[1:]:
            ra, rb = root(link[0]), root(other)
            if ra != rb:
                parent[rb] = ra
    members: dict[int, list[int]] = {}
    for link in links:
        for person in link:
            members.setdefault(root(person), [])
    for person in range(n):
        r = root(person)
        if r in members:
            members[r].append(person)
    return [sorted(group) for group in members.values() if len(group) >= 2]


def parse_problem(raw: Mapping[str, Any]) -> Problem:
    """Validate a problem given as the JSON contract's dict and return a Problem.

    Raises :class:`ProblemError` naming the offending ids when the input is
    invalid or the constraints cannot all hold.
    """
    if not isinstance(raw, Mapping):
        _fail("bad_type", "The problem must be a JSON object.")
    # Keys outside the contract (a description, a name) are ignored on purpose.
    ids, people = _parse_people(raw.get("people"))
    lookup = _Ids(ids)
    n = len(ids)

    numeric = _names(raw.get("numeric"), "numeric")
    categorical = _names(raw.get("categorical"), "categorical")
    both = sorted(set(numeric) & set(categorical))
    if both:
        _fail(
            "attribute_twice",
            f"Attributes both numeric and categorical: {', '.join(both)}.",
            attributes=both,
        )

    weights_raw = raw.get("weights") or {}
    if not isinstance(weights_raw, dict):
        _fail("bad_type", '"weights" must be an object of attribute: weight.')
    weights: dict[str, float] = {}
    for name in (*numeric, *categorical):
        weights[name] = 1.0
    for name, value in weights_raw.items():
        if name not in weights:
            _fail(
                "unknown_attribute",
                f'Weight given for "{name}", which is not a numeric or '
                "categorical attribute.",
                attribute=name,
            )
        if isinstance(value, bool) or not isinstance(value, int | float):
            _fail("bad_weight", f'The weight of "{name}" must be a number.')
        if not math.isfinite(value) or value < 0:
            _fail("bad_weight", f'The weight of "{name}" must be non-negative.')
        weights[name] = float(value)

    numeric_values: dict[str, tuple[float, ...]] = {}
    for name in numeric:
        values: list[float] = []
        bad: list[PersonId] = []
        for pid, person in zip(ids, people, strict=True):
            number = _numeric_value(person.get(name))
            if number is None:
                bad.append(pid)
                number = math.nan
            values.append(number)
        if bad:
            _fail(
                "not_numeric",
                f'Non-numeric values for numeric attribute "{name}" for ids: '
                f"{_id_list(bad)}.",
                bad,
                attribute=name,
            )
        numeric_values[name] = tuple(values)
    categorical_values = {
        name: tuple(category_key(person.get(name)) for person in people)
        for name in categorical
    }

    max_group_size = _int_field(raw, "max_group_size", DEFAULT_MAX_GROUP_SIZE, 2)
    n_groups = math.ceil(n / max_group_size)
    low = n // n_groups

    must_raw = raw.get("must_link") or []
    if not isinstance(must_raw, list):
        _fail("bad_type", '"must_link" must be a list of lists of ids.')
    must_lists = [lookup.resolve(link, "must_link") for link in must_raw]
    must_link = _union_find_groups(n, [link for link in must_lists if link])
    for group in must_link:
        if len(group) > max_group_size:
            members = [ids[i] for i in group]
            _fail(
                "must_link_too_large",
                f"Must-link group of {len(group)} is larger than max_group_size "
                f"{max_group_size}: {_id_list(members)}.",
                members,
                size=len(group),
                max_group_size=max_group_size,
            )
    unit_of = {person: k for k, group in enumerate(must_link) for person in group}

    cannot_raw = raw.get("cannot_link") or []
    if not isinstance(cannot_raw, list):
        _fail("bad_type", '"cannot_link" must be a list of id pairs.')
    cannot: set[tuple[int, int]] = set()
    for link in cannot_raw:
        people_apart = lookup.resolve(link, "cannot_link")
        if len(set(people_apart)) != len(people_apart) or len(people_apart) < 2:
            _fail(
                "bad_cannot_link",
                "A cannot-link entry needs at least two different ids: "
                f"{_id_list([ids[i] for i in people_apart])}.",
                [ids[i] for i in people_apart],
            )
        # A longer list means "all of these apart from each other".
        for x in range(len(people_apart)):
            for y in range(x + 1, len(people_apart)):
                i, j = sorted((people_apart[x], people_apart[y]))
                cannot.add((i, j))
    for i, j in sorted(cannot):
        if i in unit_of and unit_of.get(j) == unit_of[i]:
            _fail(
                "contradictory_links",
                f"{ids[i]} and {ids[j]} must be together (must_link) and apart "
                "(cannot_link).",
                [ids[i], ids[j]],
            )

    fixed_raw = raw.get("fixed") or {}
    if not isinstance(fixed_raw, dict):
        _fail("bad_type", '"fixed" must be an object of person id: group index.')
    unknown_fixed = [pid for pid in fixed_raw if str(pid) not in lookup.index]
    if unknown_fixed:
        _fail(
            "unknown_ids",
            f'Unknown person ids in "fixed": {_id_list(unknown_fixed)}.',
            unknown_fixed,
            where="fixed",
        )
    fixed: dict[int, int] = {}
    for pid, group in fixed_raw.items():
        if (
            isinstance(group, bool)
            or not isinstance(group, int)
            or not 0 <= group < n_groups
        ):
            _fail(
                "bad_fixed_group",
                f"Fixed group for {pid} must be a group index from 0 to "
                f"{n_groups - 1}.",
                [pid],
                n_groups=n_groups,
            )
        fixed[lookup.index[str(pid)]] = group
    for group in must_link:
        targets = {fixed[p] for p in group if p in fixed}
        if len(targets) > 1:
            pinned = [ids[p] for p in group if p in fixed]
            _fail(
                "contradictory_fixed",
                "Must-linked people are fixed to different groups: "
                f"{_id_list(pinned)}.",
                pinned,
            )
    for i, j in sorted(cannot):
        if i in fixed and fixed.get(j) == fixed[i]:
            _fail(
                "contradictory_fixed",
                f"{ids[i]} and {ids[j]} must be apart (cannot_link) but are fixed "
                "to the same group.",
                [ids[i], ids[j]],
            )
    fixed_sizes: dict[int, int] = {}
    for position in range(n):
        group_index = fixed.get(position)
        if group_index is None and position in unit_of:
            group_index = next(
                (fixed[p] for p in must_link[unit_of[position]] if p in fixed), None
            )
        if group_index is not None:
            fixed_sizes[group_index] = fixed_sizes.get(group_index, 0) + 1
    high = low if n % n_groups == 0 else low + 1
    for group_index, size in fixed_sizes.items():
        if size > high:
            pinned = [ids[p] for p, g in fixed.items() if g == group_index]
            _fail(
                "fixed_too_many",
                f"{size} people are fixed to group {group_index}, more than its "
                f"size of at most {high}.",
                pinned,
                group=group_index,
            )

    min_raw = raw.get("min_per_group") or []
    if not isinstance(min_raw, list):
        _fail("bad_type", '"min_per_group" must be a list of objects.')
    minimums: list[MinPerGroup] = []
    min_members: list[tuple[int, ...]] = []
    for entry in min_raw:
        if not isinstance(entry, dict) or not isinstance(entry.get("attribute"), str):
            _fail(
                "bad_minimum",
                'Every "min_per_group" entry needs an "attribute", a "value" '
                'and optionally a "min".',
            )
        attribute = entry["attribute"]
        value = category_key(entry.get("value"))
        minimum = _int_field(entry, "min", 1, 0)
        if attribute in categorical_values:
            keys = categorical_values[attribute]
        else:
            keys = tuple(category_key(person.get(attribute)) for person in people)
        holders = tuple(i for i in range(n) if keys[i] == value)
        if minimum > low:
            _fail(
                "minimum_too_large",
                f'A minimum of {minimum} for {attribute} = "{value}" is more than '
                f"the smallest group size {low}.",
                attribute=attribute,
                value=value,
                minimum=minimum,
            )
        if len(holders) < minimum * n_groups:
            _fail(
                "minimum_unreachable",
                f'Only {len(holders)} people have {attribute} = "{value}", but '
                f"{n_groups} groups need at least {minimum} each "
                f"({minimum * n_groups}).",
                attribute=attribute,
                value=value,
                minimum=minimum,
                available=len(holders),
                groups=n_groups,
            )
        minimums.append(MinPerGroup(attribute, value, minimum))
        min_members.append(holders)

    previous_raw = raw.get("previous_groups") or []
    if not isinstance(previous_raw, list):
        _fail("bad_type", '"previous_groups" must be a list of periods.')
    previous: list[tuple[tuple[int, ...], ...]] = []
    for period in previous_raw:
        if not isinstance(period, list) or not all(isinstance(g, list) for g in period):
            _fail(
                "bad_type",
                '"previous_groups" must be a list of periods, each a list of '
                "groups of ids.",
            )
        # People who left the cohort since are simply not counted.
        previous.append(
            tuple(
                tuple(lookup.index[str(x)] for x in group if str(x) in lookup.index)
                for group in period
            )
        )

    seed_value = raw.get("seed", 0)
    if isinstance(seed_value, bool) or not isinstance(seed_value, int):
        _fail("bad_type", '"seed" must be a whole number.')
    return Problem(
        ids=tuple(ids),
        numeric=numeric,
        categorical=categorical,
        weights=weights,
        numeric_values=numeric_values,
        categorical_values=categorical_values,
        max_group_size=max_group_size,
        must_link=tuple(tuple(g) for g in must_link),
        cannot_link=tuple(sorted(cannot)),
        min_per_group=tuple(minimums),
        min_members=tuple(min_members),
        previous_groups=tuple(previous),
        fixed=fixed,
        time_budget_s=_float_field(raw, "time_budget_s", DEFAULT_TIME_BUDGET_S),
        seed=abs(seed_value),
        repeat_penalty=_float_field(raw, "repeat_penalty", DEFAULT_REPEAT_PENALTY),
        repeat_decay=_float_field(raw, "repeat_decay", DEFAULT_REPEAT_DECAY),
    )

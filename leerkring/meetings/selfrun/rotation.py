"""Rotating the roles of a self-run meeting: the roles the community chose.

Pure Python (no Django): the rule that keeps positions equal after the leergang
("informal leaders must not gain privileges"), so it can be read and tested on
its own.

A community's roles (chair, note-taker, case-bringer by default; any it adds)
each either rotate or have a fixed holder for the period. Per meeting, in date
order: every fixed role goes to its holder; the rotating roles go to the other
people, one role each, by the cheapest assignment (the Hungarian method) where,
in this order of weight, costs are: a role the person declined, the roles they
held in all, their turns in this role, how recently they held one, their place
in the given order. So the roles in all, and the turns per role, differ by at
most one between the people the roles go round (property-tested), and a swap
later keeps every count. When everyone declined a role it goes round all of
them anyway (the proposal stays fair; :func:`declined_by_all` says so); when
there are more roles than people, the last roles stay open
(:func:`short_of_people`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

CHAIR = "chair"
NOTE_TAKER = "note_taker"
CASE_BRINGER = "case_bringer"
ROLES = (CHAIR, NOTE_TAKER)


@dataclass(frozen=True)
class Role[P: Hashable]:
    """One role of the community: its key, and either a fixed ``holder`` for the
    period (``fixed``) or a rotation that skips the people who ``declined`` it."""

    key: str
    fixed: bool = False
    holder: P | None = None
    declined: frozenset[P] = field(default_factory=frozenset)


def fair_share(slots: int, people: int) -> int:
    """The most roles one person should hold: ``slots`` spread over ``people``."""
    if people <= 0:
        return slots
    return -(-slots // people)


@dataclass
class _Tally:
    total: int = 0
    last: int = -1  # the meeting index of the latest role; -1: none yet
    turns: dict[str, int] = field(default_factory=dict)

    def add(self, role: str, meeting: int) -> None:
        self.turns[role] = self.turns.get(role, 0) + 1
        self.total += 1
        self.last = meeting


def rotate[P: Hashable](
    people: Sequence[P],
    meetings: int,
    *,
    roles: Sequence[Role[P]] | None = None,
    held: Mapping[P, Mapping[str, int]] | None = None,
) -> list[dict[str, P]]:
    """Who holds each role at each of ``meetings`` meetings, in order.

    ``roles`` defaults to a rotating chair and note-taker. ``held`` counts the
    roles people already held (e.g. at earlier meetings of the period), so a new
    proposal continues the rotation. A role nobody can take at a meeting (more
    roles than people, a fixed holder who left) is missing from that meeting's
    dict: it is open. Needs at least two people.
    """
    if len(people) < 2:
        raise ValueError("Rotating roles needs at least two people.")
    if roles is None:
        roles = [Role(CHAIR), Role(NOTE_TAKER)]
    tallies = {person: _Tally() for person in people}
    for person, counts in (held or {}).items():
        if person in tallies:
            tallies[person].turns = dict(counts)
            tallies[person].total = sum(counts.values())
    fixed = {role.key: role.holder for role in roles if role.fixed}
    pool = [p for p in people if p not in fixed.values()]
    rotating = [role for role in roles if not role.fixed]
    refused = {
        role.key: (
            set()
            if all(p in role.declined for p in pool)
            else {p for p in pool if p in role.declined}
        )
        for role in rotating
    }
    plan: list[dict[str, P]] = []
    for meeting in range(meetings):
        chosen = {k: h for k, h in fixed.items() if h is not None and h in tallies}
        chosen.update(_assign(rotating, pool, tallies, refused, len(people)))
        for key, person in chosen.items():
            tallies[person].add(key, meeting)
        plan.append(chosen)
    return plan


def _assign[P: Hashable](
    roles: Sequence[Role[P]],
    pool: Sequence[P],
    tallies: Mapping[P, _Tally],
    refused: Mapping[str, set[P]],
    size: int,
) -> dict[str, P]:
    """One meeting's rotating roles: the assignment of roles to people (one
    each) with the lowest cost, where — in this order of weight — a declined
    role, more roles in all, more turns in this role, a more recent role and a
    later place in the order cost more. Roles that find nobody stay open (the
    last roles first)."""
    if not roles or not pool:
        return {}
    # Each weight outweighs everything below it (counts stay far below 1000).
    order_weight = 1
    recent_weight = 1000 * max(size, 1)
    turn_weight = 1000 * recent_weight
    total_weight = 1000 * turn_weight
    declined_weight = 1000 * total_weight
    open_step = 2 * declined_weight
    open_cost = open_step * (len(roles) + 2)

    def cost(role: Role[P], person: P) -> int:
        tally = tallies[person]
        return (
            declined_weight * (person in refused[role.key])
            + total_weight * tally.total
            + turn_weight * tally.turns.get(role.key, 0)
            + recent_weight * (tally.last + 1)
            + order_weight * pool.index(person)
        )

    columns = list(pool) + [None] * len(roles)  # None: the role stays open
    matrix = [
        [
            cost(role, person)
            if person is not None
            else open_cost - open_step * index  # later roles stay open first
            for person in columns
        ]
        for index, role in enumerate(roles)
    ]
    picked = _cheapest_assignment(matrix)
    return {
        role.key: columns[column]  # type: ignore[misc]
        for role, column in zip(roles, picked, strict=True)
        if columns[column] is not None
    }


def _cheapest_assignment(cost: list[list[int]]) -> list[int]:
    """For each row, a distinct column, with the least total cost (the Hungarian
    method, rows <= columns; O(rows² × columns))."""
    rows, columns = len(cost), len(cost[0])
    inf = float("inf")
    u = [0.0] * (rows + 1)
    v = [0.0] * (columns + 1)
    match = [0] * (columns + 1)  # match[column] = row (1-based), 0: free
    way = [0] * (columns + 1)
    for row in range(1, rows + 1):
        match[0] = row
        column0 = 0
        least = [inf] * (columns + 1)
        used = [False] * (columns + 1)
        while True:
            used[column0] = True
            row0, delta, column1 = match[column0], inf, 0
            for column in range(1, columns + 1):
                if used[column]:
                    continue
                reduced = cost[row0 - 1][column - 1] - u[row0] - v[column]
                if reduced < least[column]:
                    least[column], way[column] = reduced, column0
                if least[column] < delta:
                    delta, column1 = least[column], column
            for column in range(columns + 1):
                if used[column]:
                    u[match[column]] += delta
                    v[column] -= delta
                else:
                    least[column] -= delta
            column0 = column1
            if match[column0] == 0:
                break
        while column0:
            column1 = way[column0]
            match[column0] = match[column1]
            column0 = column1
    picked = [0] * rows
    for column in range(1, columns + 1):
        if match[column]:
            picked[match[column] - 1] = column - 1
    return picked


def rotating_people[P: Hashable](
    people: Sequence[P], roles: Sequence[Role[P]]
) -> list[P]:
    """The people the rotating roles go round: everyone but the fixed holders."""
    fixed = {role.holder for role in roles if role.fixed}
    return [p for p in people if p not in fixed]


def short_of_people[P: Hashable](people: Sequence[P], roles: Sequence[Role[P]]) -> int:
    """How many rotating roles stay open at every meeting for lack of people."""
    rotating = [role for role in roles if not role.fixed]
    return max(0, len(rotating) - len(rotating_people(people, roles)))


def declined_by_all[P: Hashable](
    people: Sequence[P], roles: Sequence[Role[P]]
) -> list[str]:
    """The rotating roles every person they go round declined (they go round anyway)."""
    pool = rotating_people(people, roles)
    return [
        role.key
        for role in roles
        if not role.fixed and pool and all(p in role.declined for p in pool)
    ]


def spread[P: Hashable](
    assignments: Iterable[tuple[P, str]],
    people: Iterable[P],
    keys: Sequence[str] = ROLES,
) -> dict[P, dict[str, int]]:
    """How many times each person holds each role (everyone in ``people`` listed)."""
    counts: dict[P, dict[str, int]] = {
        person: dict.fromkeys(keys, 0) for person in people
    }
    for person, role in assignments:
        counts.setdefault(person, dict.fromkeys(keys, 0))
        counts[person][role] = counts[person].get(role, 0) + 1
    return counts

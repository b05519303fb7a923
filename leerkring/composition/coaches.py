"""Two coaches per community: an experienced coach with an apprentice where possible.

Two rounds of ``scipy.optimize.linear_sum_assignment`` on an expanded cost
matrix (one row per free capacity slot of a coach, one column per community):

1. a first coach per community, experienced coaches strongly preferred;
2. a second coach, preferring an apprentice next to an experienced first coach
   (master - journeyman - apprentice) and an experienced coach next to an
   apprentice first coach.

Hard rules: a coach never sits in a community with a participant they have a
conflict with (their own manager or team member), never twice in one
community, never over capacity. Softly, coaches who coached these participants
before are avoided, and load is spread. Communities left with fewer than two
coaches are reported, not hidden.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .problem import PersonId, ProblemError

_FORBIDDEN = 1e6
_APPRENTICE_FIRST = 4.0
_SAME_LEVEL_SECOND = 1.0
_TWO_APPRENTICES = 3.0
_PREVIOUSLY_COACHED = 2.0
_LOAD = 0.01


@dataclass(frozen=True)
class Coach:
    """A coach available for this period."""

    id: PersonId
    experienced: bool
    capacity: int = 1
    """How many communities this coach can take."""
    conflicts: frozenset[str] = frozenset()
    """Participant ids (as text) this coach must not coach."""
    previously_coached: frozenset[str] = frozenset()
    """Participant ids (as text) this coach coached in an earlier period."""


@dataclass(frozen=True)
class CoachAssignment:
    """The coaches per community (first coach first) and what could not be done."""

    coaches: list[list[PersonId]]
    without_second: list[int] = field(default_factory=list)
    """Communities with exactly one coach."""
    without_any: list[int] = field(default_factory=list)
    """Communities with no coach at all."""
    mixed_pairs: int = 0
    """Communities with one experienced coach and one apprentice."""
    repeat_contacts: int = 0
    """Coach-participant pairs that also met in an earlier period."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "coaches": self.coaches,
            "without_second": self.without_second,
            "without_any": self.without_any,
            "mixed_pairs": self.mixed_pairs,
            "repeat_contacts": self.repeat_contacts,
        }


def parse_coaches(raw: Sequence[Mapping[str, Any]]) -> list[Coach]:
    """Coaches from JSON-like dicts.

    Keys: ``id``, ``experienced`` (bool; or ``"level": "experienced" |
    "apprentice"``), ``capacity`` (default 1), ``conflicts`` and
    ``previously_coached`` (participant ids).
    """
    coaches: list[Coach] = []
    seen: set[str] = set()
    for entry in raw:
        cid = entry.get("id")
        if isinstance(cid, bool) or not isinstance(cid, str | int):
            raise ProblemError("bad_coach", "Every coach needs an id.")
        if str(cid) in seen:
            raise ProblemError("duplicate_ids", f"Duplicate coach id {cid}.", ids=[cid])
        seen.add(str(cid))
        if "experienced" in entry:
            experienced = bool(entry["experienced"])
        else:
            experienced = entry.get("level", "experienced") != "apprentice"
        capacity = entry.get("capacity", 1)
        if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0:
            raise ProblemError(
                "bad_coach", f"Capacity of coach {cid} must be >= 0.", ids=[cid]
            )
        coaches.append(
            Coach(
                id=cid,
                experienced=experienced,
                capacity=capacity,
                conflicts=frozenset(str(x) for x in entry.get("conflicts", ())),
                previously_coached=frozenset(
                    str(x) for x in entry.get("previously_coached", ())
                ),
            )
        )
    return coaches


def _round(
    coaches: Sequence[Coach],
    free: list[int],
    communities: list[int],
    cost_of: Any,
) -> list[tuple[int, int]]:
    """One assignment round: (coach index, community) pairs, forbidden ones dropped."""
    from scipy.optimize import linear_sum_assignment  # only needed here

    slots = [(c, s) for c, count in enumerate(free) for s in range(count)]
    if not slots or not communities:
        return []
    cost = np.empty((len(slots), len(communities)), dtype=np.float64)
    for r, (c, s) in enumerate(slots):
        for col, community in enumerate(communities):
            cost[r, col] = cost_of(coaches[c], c, community) + _LOAD * s
    rows, cols = linear_sum_assignment(cost)
    return [
        (slots[r][0], communities[c])
        for r, c in zip(rows, cols, strict=True)
        if cost[r, c] < _FORBIDDEN
    ]


def assign_coaches(
    coaches: Sequence[Coach], groups: Sequence[Sequence[PersonId]]
) -> CoachAssignment:
    """Assign two coaches to every community (group of participant ids)."""
    members = [{str(p) for p in group} for group in groups]
    free = [coach.capacity for coach in coaches]
    chosen: list[list[int]] = [[] for _ in groups]

    def base(coach: Coach, community: int) -> float:
        if coach.conflicts & members[community]:
            return _FORBIDDEN
        overlap = len(coach.previously_coached & members[community])
        return _PREVIOUSLY_COACHED * overlap / max(1, len(members[community]))

    def first_cost(coach: Coach, index: int, community: int) -> float:
        return base(coach, community) + (
            0.0 if coach.experienced else _APPRENTICE_FIRST
        )

    def second_cost(coach: Coach, index: int, community: int) -> float:
        if index in chosen[community]:
            return _FORBIDDEN
        cost = base(coach, community)
        if not chosen[community]:
            return cost + (0.0 if coach.experienced else _APPRENTICE_FIRST)
        first = coaches[chosen[community][0]]
        if first.experienced:
            return cost + (_SAME_LEVEL_SECOND if coach.experienced else 0.0)
        return cost + (0.0 if coach.experienced else _TWO_APPRENTICES)

    for coach_index, community in _round(
        coaches, free, list(range(len(groups))), first_cost
    ):
        chosen[community].append(coach_index)
        free[coach_index] -= 1
    for coach_index, community in _round(
        coaches, free, list(range(len(groups))), second_cost
    ):
        chosen[community].append(coach_index)
        free[coach_index] -= 1
    # A community that got no first coach may still lack its second one.
    lacking = [c for c, ids in enumerate(chosen) if len(ids) < 2]
    if lacking:
        for coach_index, community in _round(coaches, free, lacking, second_cost):
            chosen[community].append(coach_index)
            free[coach_index] -= 1

    mixed = sum(
        1
        for ids in chosen
        if len(ids) == 2 and coaches[ids[0]].experienced != coaches[ids[1]].experienced
    )
    repeat = sum(
        len(coaches[c].previously_coached & members[k])
        for k, ids in enumerate(chosen)
        for c in ids
    )
    return CoachAssignment(
        coaches=[[coaches[c].id for c in ids] for ids in chosen],
        without_second=[k for k, ids in enumerate(chosen) if len(ids) == 1],
        without_any=[k for k, ids in enumerate(chosen) if not ids],
        mixed_pairs=mixed,
        repeat_contacts=repeat,
    )

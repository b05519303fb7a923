"""Rotating the roles of a self-run meeting: a chair and a note-taker.

Pure Python (no Django): the rule that keeps positions equal after the leergang
("informal leaders must not gain privileges"), so it can be read and tested on
its own.

The rule, per meeting in date order: the chair is the person with the fewest
roles so far, then the fewest turns as chair, then the longest since their last
role, then the first in the given order; the note-taker is chosen the same way
(with "note-taker" for "chair") from everyone but the chair. Because every role
goes to someone with the fewest roles, nobody ever holds more than their fair
share — ``fair_share(slots, people)`` — and both roles go round.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

CHAIR = "chair"
NOTE_TAKER = "note_taker"
ROLES = (CHAIR, NOTE_TAKER)


def fair_share(slots: int, people: int) -> int:
    """The most roles one person should hold: ``slots`` spread over ``people``."""
    if people <= 0:
        return slots
    return -(-slots // people)


@dataclass
class _Tally:
    total: int = 0
    chair: int = 0
    note_taker: int = 0
    last: int = -1  # the meeting index of the latest role; -1: none yet

    def count(self, role: str) -> int:
        return self.chair if role == CHAIR else self.note_taker


def rotate[P: Hashable](
    people: Sequence[P],
    meetings: int,
    *,
    held: Mapping[P, Mapping[str, int]] | None = None,
) -> list[dict[str, P]]:
    """A chair and a note-taker for each of ``meetings`` meetings, in order.

    ``held`` counts the roles people already held (e.g. at earlier meetings of
    the period), so a redistribution continues the rotation. Needs at least two
    people (the chair never takes the notes too).
    """
    if len(people) < 2:
        raise ValueError("Rotating two roles needs at least two people.")
    tallies = {person: _Tally() for person in people}
    for person, counts in (held or {}).items():
        if person in tallies:
            tally = tallies[person]
            tally.chair = counts.get(CHAIR, 0)
            tally.note_taker = counts.get(NOTE_TAKER, 0)
            tally.total = tally.chair + tally.note_taker
    order = {person: index for index, person in enumerate(people)}
    plan: list[dict[str, P]] = []
    for meeting in range(meetings):
        chosen: dict[str, P] = {}
        for role in ROLES:
            candidates = [p for p in people if p not in chosen.values()]
            person = min(
                candidates,
                key=lambda p: (
                    tallies[p].total,
                    tallies[p].count(role),
                    tallies[p].last,
                    order[p],
                ),
            )
            tally = tallies[person]
            tally.total += 1
            if role == CHAIR:
                tally.chair += 1
            else:
                tally.note_taker += 1
            tally.last = meeting
            chosen[role] = person
        plan.append(chosen)
    return plan


def spread[P: Hashable](
    assignments: Iterable[tuple[P, str]], people: Iterable[P]
) -> dict[P, dict[str, int]]:
    """How many times each person holds each role (everyone in ``people`` listed)."""
    counts: dict[P, dict[str, int]] = {
        person: dict.fromkeys(ROLES, 0) for person in people
    }
    for person, role in assignments:
        counts.setdefault(person, dict.fromkeys(ROLES, 0))[role] += 1
    return counts

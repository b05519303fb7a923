"""The tension arc ("spanningsboog") of a leergang, computed from check-ins and -outs.

Pure Python (no Django): the app turns its rows into ``Observation`` objects and
draws or tabulates the ``Arc`` this module returns.

Definitions (also in leerkring/pulses/README.md):

* **Per session**, each person's answers at check-in and check-out are averaged
  first, so someone who answered twice counts once; the session's figure for a
  measure is then the mean and interquartile range over people — shown only with
  at least ``aggregates.MIN_ANSWERS`` people (else a gap).
* **Phases** for ``count`` sessions (the method's eight as the reference): the
  kickstart is the first quarter (sessions 1–2 of 8), the climactic episode runs
  to five eighths (3–5 of 8), the anti-climactic episode follows (6–7 of 8) and the
  last session is the landing. Every phase keeps at least one session from four
  sessions on; see ``phase_spans``.
* **Flat** ("a community must not simmer"): over the last ``FLAT_WINDOW`` (3)
  sessions that have a group figure, the session means of a tension track
  (collective or individual) lie within less than ``FLAT_RANGE`` (0.5) of each
  other.
* **Safety drop**: the mean felt safety of a session is at least ``SAFETY_DROP``
  (0.5) lower than that of the previous session with a group figure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise

from .aggregates import Stat, stat

FLAT_WINDOW = 3
FLAT_RANGE = 0.5
SAFETY_DROP = 0.5
_EPSILON = 1e-9

COLLECTIVE = "collective"
PERSONAL = "personal"
ENERGY = "energy"
SAFETY = "safety"
MEASURES = (COLLECTIVE, PERSONAL, ENERGY, SAFETY)
TENSION_MEASURES = (COLLECTIVE, PERSONAL)


class Phase(StrEnum):
    KICKSTART = "kickstart"
    CLIMACTIC = "climactic"
    ANTI_CLIMACTIC = "anti_climactic"
    LANDING = "landing"


@dataclass(frozen=True)
class PhaseSpan:
    phase: Phase
    first: int
    last: int

    @property
    def sessions(self) -> range:
        return range(self.first, self.last + 1)


def _round_half_up(value: float) -> int:
    return int(value + 0.5)


def phase_spans(count: int) -> tuple[PhaseSpan, ...]:
    """The method's four phases over sessions ``1..count``.

    8 sessions: kickstart 1–2, climactic 3–5, anti-climactic 6–7, landing 8.
    4: 1 | 2 | 3 | 4. 6: 1–2 | 3–4 | 5 | 6. 12: 1–3 | 4–8 | 9–11 | 12.
    Fewer than four sessions cannot hold four phases: 3 → kickstart, climactic,
    landing; 2 → kickstart, landing; 1 → kickstart.
    """
    if count < 1:
        return ()
    if count == 1:
        return (PhaseSpan(Phase.KICKSTART, 1, 1),)
    if count == 2:
        return (PhaseSpan(Phase.KICKSTART, 1, 1), PhaseSpan(Phase.LANDING, 2, 2))
    if count == 3:
        return (
            PhaseSpan(Phase.KICKSTART, 1, 1),
            PhaseSpan(Phase.CLIMACTIC, 2, 2),
            PhaseSpan(Phase.LANDING, 3, 3),
        )
    kickstart_end = max(1, _round_half_up(count * 2 / 8))
    climactic_end = min(
        max(kickstart_end + 1, _round_half_up(count * 5 / 8)), count - 2
    )
    return (
        PhaseSpan(Phase.KICKSTART, 1, kickstart_end),
        PhaseSpan(Phase.CLIMACTIC, kickstart_end + 1, climactic_end),
        PhaseSpan(Phase.ANTI_CLIMACTIC, climactic_end + 1, count - 1),
        PhaseSpan(Phase.LANDING, count, count),
    )


def phase_of(number: int, count: int) -> Phase | None:
    for span in phase_spans(count):
        if number in span.sessions:
            return span.phase
    return None


@dataclass(frozen=True)
class Observation:
    """One person's answer at one check-in or check-out.

    ``person`` is any stable key for the answerer (an anonymised answer gets a key
    of its own); it is used only to average a person's two answers in a session.
    """

    session: int
    person: Hashable
    energy: int
    safety: int
    collective: int
    personal: int

    def value(self, measure: str) -> int:
        return int(getattr(self, measure))


@dataclass(frozen=True)
class SessionPoint:
    number: int
    phase: Phase | None
    people: int
    stats: dict[str, Stat | None]
    own: dict[str, float] | None = None

    @property
    def shown(self) -> bool:
        """Does this session have a group figure (enough people answered)?"""
        return any(value is not None for value in self.stats.values())

    def mean(self, measure: str) -> float | None:
        value = self.stats.get(measure)
        return None if value is None else value.mean


@dataclass(frozen=True)
class Note:
    """Something the coaches should look at.

    ``kind`` is ``"flat"`` (``sessions`` are the flat stretch, ``values`` their
    means) or ``"safety_drop"`` (``sessions`` = (before, after)).
    """

    kind: str
    measure: str
    sessions: tuple[int, ...]
    values: tuple[float, ...]


@dataclass(frozen=True)
class Arc:
    points: tuple[SessionPoint, ...]
    phases: tuple[PhaseSpan, ...]
    current: int | None = None
    notes: tuple[Note, ...] = field(default=())

    @property
    def shown_points(self) -> list[SessionPoint]:
        return [point for point in self.points if point.shown]

    @property
    def has_own_line(self) -> bool:
        return any(point.own for point in self.points)


def _per_person(
    observations: Iterable[Observation],
) -> dict[int, dict[Hashable, dict[str, float]]]:
    """session → person → measure → that person's mean over their answers."""
    grouped: dict[int, dict[Hashable, list[Observation]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for observation in observations:
        grouped[observation.session][observation.person].append(observation)
    return {
        session: {
            person: {
                measure: sum(o.value(measure) for o in answers) / len(answers)
                for measure in MEASURES
            }
            for person, answers in people.items()
        }
        for session, people in grouped.items()
    }


def flat_notes(points: Sequence[SessionPoint]) -> list[Note]:
    """A note per tension track whose last three group means lie within 0.5."""
    notes = []
    for measure in TENSION_MEASURES:
        recent = [p for p in points if p.mean(measure) is not None][-FLAT_WINDOW:]
        if len(recent) < FLAT_WINDOW:
            continue
        means = [p.mean(measure) or 0.0 for p in recent]
        if max(means) - min(means) < FLAT_RANGE - _EPSILON:
            notes.append(
                Note(
                    "flat",
                    measure,
                    tuple(p.number for p in recent),
                    tuple(means),
                )
            )
    return notes


def safety_drop_notes(points: Sequence[SessionPoint]) -> list[Note]:
    """A note for every drop of mean safety by 0.5 or more between sessions."""
    shown = [p for p in points if p.mean(SAFETY) is not None]
    notes = []
    for before, after in pairwise(shown):
        first, second = before.mean(SAFETY) or 0.0, after.mean(SAFETY) or 0.0
        if first - second >= SAFETY_DROP - _EPSILON:
            sessions = (before.number, after.number)
            notes.append(Note("safety_drop", SAFETY, sessions, (first, second)))
    return notes


def compute_arc(
    session_numbers: Sequence[int],
    observations: Iterable[Observation],
    *,
    current: int | None = None,
    viewer: Hashable | None = None,
) -> Arc:
    """The arc over ``session_numbers`` (1..N) from the observations.

    ``viewer`` is the person key whose own line to include (their own answers, no
    minimum); ``None`` for a group-only arc. Notes consider the sessions up to and
    including ``current`` (all sessions when ``current`` is None).
    """
    count = max(session_numbers, default=0)
    per_session = _per_person(observations)
    points = []
    for number in sorted(session_numbers):
        people = per_session.get(number, {})
        stats = {
            measure: stat(values[measure] for values in people.values())
            for measure in MEASURES
        }
        own = people.get(viewer) if viewer is not None else None
        points.append(
            SessionPoint(
                number=number,
                phase=phase_of(number, count),
                people=len(people),
                stats=stats,
                own=dict(own) if own else None,
            )
        )
    so_far = [p for p in points if current is None or p.number <= current]
    return Arc(
        points=tuple(points),
        phases=phase_spans(count),
        current=current,
        notes=tuple(flat_notes(so_far) + safety_drop_notes(so_far)),
    )

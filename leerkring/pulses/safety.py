"""The safety climate: Edmondson's (1999) team psychological-safety scale.

Seven items answered on a seven-point scale (1 = very inaccurate, 7 = very
accurate); items 1, 3 and 5 are worded negatively and reverse-scored (8 − answer),
so a higher score always means a safer climate. A person's score is the mean of
the seven (reverse-scored) items. The item texts, English and Dutch (translated
in-house, "team" rendered as "deze groep"), live in ``forms.py``.

Administrations follow sessions 2, 5 and 8 of eight; for another number of
sessions they are scaled (see ``administration_sessions``). Pure Python.
"""

from __future__ import annotations

from collections.abc import Sequence

ITEM_COUNT = 7
POINTS = 7
REVERSED = frozenset({1, 3, 5})
REFERENCE_SESSIONS = (2, 5, 8)
REFERENCE_COUNT = 8


def item_score(item: int, answer: int) -> int:
    """The answer to item ``item`` (1-based), reverse-scored where worded negatively."""
    return POINTS + 1 - answer if item in REVERSED else answer


def score(answers: Sequence[int]) -> float:
    """A person's safety-climate score: the mean of the seven scored items."""
    if len(answers) != ITEM_COUNT:
        raise ValueError(f"Expected {ITEM_COUNT} answers, got {len(answers)}.")
    return sum(item_score(i, a) for i, a in enumerate(answers, start=1)) / ITEM_COUNT


def administration_sessions(count: int) -> tuple[int, ...]:
    """After which sessions the questionnaire is offered, for ``count`` sessions.

    Sessions 2, 5 and 8 of eight, scaled by ``round(count × s / 8)`` (halves up) and
    de-duplicated: 4 → 1, 3, 4; 6 → 2, 4, 6; 10 → 3, 6, 10; 12 → 3, 8, 12.
    """
    if count < 1:
        return ()
    sessions = {
        min(count, max(1, int(count * s / REFERENCE_COUNT + 0.5)))
        for s in REFERENCE_SESSIONS
    }
    return tuple(sorted(sessions))

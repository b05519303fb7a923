"""The one place that decides whether a group figure may be shown.

DESIGN.md §5: individual check-in/out scores are the person's and the coaches';
anything shown about the group — a mean, a spread, a distribution, a word cloud,
a safety-climate score — needs answers from at least ``MIN_ANSWERS`` people.
Every aggregate in the app (pages, htmx partials, the arc chart, its data table,
PDFs and exports) is computed by a function here, and each returns ``None`` when
there are too few answers. Pure Python: imports nothing from Django.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MIN_ANSWERS = 3
SCALE = (1, 2, 3, 4, 5)


def enough(count: int) -> bool:
    """May a figure drawn from ``count`` people's answers be shown?"""
    return count >= MIN_ANSWERS


@dataclass(frozen=True)
class Stat:
    """Mean and interquartile range of one question over ``n`` people."""

    n: int
    mean: float
    q1: float
    q3: float


def quantile(ordered: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default method)."""
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def stat(values: Iterable[float]) -> Stat | None:
    """Mean and IQR, or ``None`` below ``MIN_ANSWERS`` values (one per person)."""
    ordered = sorted(values)
    if not enough(len(ordered)):
        return None
    return Stat(
        n=len(ordered),
        mean=sum(ordered) / len(ordered),
        q1=quantile(ordered, 0.25),
        q3=quantile(ordered, 0.75),
    )


def mean(values: Iterable[float]) -> float | None:
    """The mean, or ``None`` below ``MIN_ANSWERS`` values."""
    result = stat(values)
    return None if result is None else result.mean


def distribution(
    values: Iterable[int], scale: Sequence[int] = SCALE
) -> dict[int, int] | None:
    """How many people chose each point of the scale, or ``None`` below the minimum."""
    counts = Counter(values)
    if not enough(sum(counts.values())):
        return None
    return {point: counts.get(point, 0) for point in scale}


def normalise_word(word: str) -> str:
    return word.strip().strip(".,;:!?\"'()").lower()


def word_counts(words: Iterable[str], answers: int) -> list[tuple[str, int]] | None:
    """Words by frequency (then alphabetically), or ``None`` below the minimum.

    ``answers`` is the number of people who answered, so that a session where only
    two people answered shows no words even if both typed one.
    """
    if not enough(answers):
        return None
    counts = Counter(w for w in (normalise_word(word) for word in words) if w)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

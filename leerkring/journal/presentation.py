"""How the reflection mirror speaks: encouragement and a question, never a grade.

The level becomes a position on a path of four steps, the evidence becomes the
entry's own sentences with what the mirror recognised in them, and the package's
error codes become friendly, translated explanations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from leerkring.reflection import MAX_CHARS, MIN_WORDS

from .models import ReflectionAssessment

Outcome = ReflectionAssessment.Outcome

STEPS: list[tuple[int, Promise, Promise]] = [
    (
        1,
        _("Describing"),
        _(
            "You mostly describe what happened and what you did. That is where "
            "every reflection starts."
        ),
    ),
    (
        2,
        _("Understanding"),
        _(
            "You connect what happened with ideas and insights: you are making "
            "sense of it."
        ),
    ),
    (
        3,
        _("Reflecting"),
        _(
            "You look at your own experience: why it went like this, what you "
            "felt and thought, and what you take from it."
        ),
    ),
    (
        4,
        _("Reflecting critically"),
        _(
            "You question your own assumptions and try something new. This is "
            "the deepest kind of reflection the method aims for."
        ),
    ),
]

KINDS: dict[str, Promise] = {
    "description": _("what happened"),
    "feeling": _("a feeling"),
    "difficulty": _("a difficulty"),
    "belief": _("a view"),
    "reason": _("thinking about your experience"),
    "perspective": _("another perspective"),
    "learning": _("what you learned"),
    "premise": _("your own assumption"),
    "future_action": _("a next step"),
    # kinds of assessments made by earlier versions of the mirror
    "understanding": _("understanding"),
    "alternative": _("an alternative"),
}

PROBLEMS: dict[str, Promise] = {
    Outcome.EMPTY: _(
        "There is no text for the mirror to read yet. Write a few sentences and "
        "save again."
    ),
    Outcome.TOO_SHORT: _(
        "This entry is too short for the mirror to say something useful: it needs "
        "at least %(min)s words. A few more sentences about what happened and what "
        "it meant to you will do."
    ),
    Outcome.TOO_LONG: _(
        "This entry is longer than the mirror can read (%(max)s characters). "
        "Your text is saved in full; splitting it into a few entries lets the "
        "mirror read each part."
    ),
    Outcome.UNSUPPORTED_LANGUAGE: _(
        "The mirror reads Dutch and English. It could not find enough of either "
        "in this entry, so it stays quiet this time."
    ),
    Outcome.UNREADABLE: _("The mirror could not read this entry."),
}


@dataclass(frozen=True)
class Step:
    level: int
    label: Promise
    meaning: Promise
    current: bool
    passed: bool


@dataclass(frozen=True)
class Segment:
    text: str
    kinds: tuple[Promise, ...] = ()
    kind_codes: tuple[str, ...] = ()
    carries: bool = False  # one of the sentences that carry the level


def path(level: int) -> list[Step]:
    return [
        Step(number, label, meaning, number == level, number < level)
        for number, label, meaning in STEPS
    ]


def meaning(level: int) -> Promise:
    return STEPS[level - 1][2]


def problem(outcome: str) -> str:
    """The translated explanation for an entry the mirror could not read."""
    message = PROBLEMS.get(outcome, PROBLEMS[Outcome.UNREADABLE])
    limit = number_format(MAX_CHARS, force_grouping=True)
    return str(message) % {"min": MIN_WORDS, "max": limit}


def segments(text: str, evidence: list[dict[str, object]]) -> list[Segment]:
    """The text cut into plain and highlighted stretches (overlaps merged); a
    stretch carries the level when one of its sentences does."""
    spans: list[tuple[int, int, list[str], bool]] = []
    for item in sorted(
        evidence, key=lambda e: (int(str(e["start"])), -int(str(e["end"])))
    ):
        start = max(0, min(len(text), int(str(item["start"]))))
        end = max(start, min(len(text), int(str(item["end"]))))
        kind = str(item["kind"])
        carries = bool(item.get("carries", False))
        if end == start or kind not in KINDS:
            continue
        if spans and start < spans[-1][1]:
            last_start, last_end, kinds, carried = spans[-1]
            if kind not in kinds:
                kinds.append(kind)
            spans[-1] = (last_start, max(last_end, end), kinds, carried or carries)
        else:
            spans.append((start, end, [kind], carries))
    result: list[Segment] = []
    position = 0
    for start, end, kinds, carries in spans:
        if start > position:
            result.append(Segment(text[position:start]))
        shown = [k for k in kinds if k != "description"] or kinds
        result.append(
            Segment(
                text[start:end], tuple(KINDS[k] for k in shown), tuple(shown), carries
            )
        )
        position = end
    if position < len(text):
        result.append(Segment(text[position:]))
    return result


@dataclass(frozen=True)
class TrendPoint:
    x: float
    y: float
    level: int
    title: str
    when: datetime


@dataclass(frozen=True)
class Trend:
    points: list[TrendPoint]
    polyline: str
    width: int = 320
    height: int = 96


def trend(rows: list[tuple[str, datetime, int]]) -> Trend | None:
    """A small line over the author's entries (oldest first), level 1 at the
    bottom and 4 at the top; None with fewer than two assessed entries."""
    if len(rows) < 2:
        return None
    width, height, pad = 320, 96, 12
    step = (width - 2 * pad) / (len(rows) - 1)
    points = [
        TrendPoint(
            x=round(pad + i * step, 1),
            y=round(height - pad - (level - 1) * (height - 2 * pad) / 3, 1),
            level=level,
            title=title,
            when=when,
        )
        for i, (title, when, level) in enumerate(rows)
    ]
    polyline = " ".join(f"{p.x},{p.y}" for p in points)
    return Trend(points, polyline, width, height)

"""One encouraging question that invites the next level — never a grade.

The question is chosen deterministically from the level and from which kinds of
evidence the entry does not show yet, so the same entry always gets the same
question. The wording never names a level or a score: the mirror encourages, it does
not mark."""

from __future__ import annotations

from collections.abc import Collection
from typing import NamedTuple


class _Prompt(NamedTuple):
    missing: str | None  # offered when this kind is absent; None = always applicable
    nl: str
    en: str


_PROMPTS: dict[int, tuple[_Prompt, ...]] = {
    1: (
        _Prompt(
            "reason",
            "Welk moment is je het meest bijgebleven, en hoe zou je verklaren waarom "
            "het juist zo liep?",
            "Which moment stayed with you most, and how would you explain why it went "
            "the way it did?",
        ),
        _Prompt(
            "belief",
            "Welk idee, model of inzicht uit de bijeenkomst helpt je te begrijpen wat "
            "er gebeurde?",
            "Which idea, model or insight from the session helps you make sense of"
            " what "
            "happened?",
        ),
        _Prompt(
            None,
            "Wat heb je precies geleerd — kun je het beschrijven aan de hand van één "
            "concreet voorbeeld?",
            "What exactly did you learn — could you describe it through one concrete "
            "example?",
        ),
    ),
    2: (
        _Prompt(
            "reason",
            "Waar kwam je dit zelf al eens tegen in je eigen werk, en wat voelde of "
            "dacht je op dat moment?",
            "Where have you met this in your own work, and what did you feel or think "
            "at that moment?",
        ),
        _Prompt(
            None,
            "Wat betekent dit voor jouw eigen praktijk: wanneer deed jij het zo, en "
            "waarom?",
            "What does this mean for your own practice: when did you act like this,"
            " and "
            "why?",
        ),
    ),
    3: (
        _Prompt(
            "premise",
            "Welke overtuiging over jezelf of je werk zit er onder hoe je reageerde — "
            "en klopt die eigenlijk nog?",
            "Which belief about yourself or your work lies underneath how you"
            " reacted — "
            "and does it still hold?",
        ),
        _Prompt(
            "future_action",
            "Welk klein experiment zou je de komende tijd kunnen doen om te ontdekken "
            "of het ook anders kan?",
            "What small experiment could you try in the coming weeks to find out"
            " whether "
            "it can be done differently?",
        ),
        _Prompt(
            None,
            "Waarom denk, voel of doe je het juist zo — en wat zou er veranderen als"
            " je "
            "daar anders naar keek?",
            "Why do you think, feel or act in just this way — and what would change if "
            "you looked at it differently?",
        ),
    ),
    4: (
        _Prompt(
            "future_action",
            "Hoe ga je je nieuwe kijk uitproberen, en waaraan merk je of het werkt?",
            "How will you try out your new view, and how will you notice whether it "
            "works?",
        ),
        _Prompt(
            None,
            "Wat merk je als je dit nieuwe gedrag uitprobeert, en wat zegt dat over je "
            "oude overtuiging?",
            "What do you notice as you try this new behaviour, and what does that tell "
            "you about your old belief?",
        ),
    ),
}


def next_prompt(level: int, language: str, present_kinds: Collection[str]) -> str:
    """The question inviting the next level for an entry at `level` in `language`."""
    for prompt in _PROMPTS[level]:
        if prompt.missing is None or prompt.missing not in present_kinds:
            return prompt.nl if language == "nl" else prompt.en
    raise AssertionError("every level ends with an always-applicable prompt")

"""From sentence kinds to an entry's level, and saying how sure the mirror is.

Kember's levels are about what the writing does, so the evidence sets a ceiling that
no model score can break through (`ceiling`): an entry of description and feelings is
level 1–2 however long or fluent it is; level 3 needs a sentence that reasons about
the writer's own experience (why it went so, another view, what was learned); level 4
needs a premise sentence — an own assumption
questioned or revised. Below the ceiling the ordinal model (`model.py`) decides, above
a floor of 2 for an entry that mostly explains views and concepts (`floor`).

The sentences that carry the level are marked (`carries`), and `certainty` and
`summary` say in words when the evidence is thin or mixed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

# The highest level a kind of sentence can support on its own.
KIND_LEVEL: dict[str, int] = {
    "description": 1,
    "feeling": 2,
    "difficulty": 2,
    "belief": 2,
    "future_action": 2,
    "reason": 3,
    "perspective": 3,
    "learning": 3,
    "premise": 4,
}
# An entry whose sentences mostly state views, concepts or general ideas (`belief`) is
# at least level 2 (`floor`); chosen on the corpus dev split and CEReD folds
# (docs/reflection.md).
UNDERSTANDING_SHARE = 0.6
UNDERSTANDING_SENTENCES = 2
CERTAINTIES = ("clear", "mixed", "thin")
SURE_ENOUGH = 0.5  # below this probability of the shown level, the level is "mixed"


def ceiling(shown: Sequence[str | None]) -> int:
    """The highest level the shown kinds support (1 with no evidence at all).

    Each kind supports up to its `KIND_LEVEL`: level 4 needs a premise sentence (an
    own assumption questioned); level 3 a sentence that reasons about the writer's own
    experience. Whether one such sentence is enough (protocol rule D4) is left to the
    level model below the ceiling: measured on CEReD and the corpus dev split, a
    ceiling that demanded two reasoning sentences sent real reasoning passages to level
    2 and bought no separation from plain description (docs/reflection.md)."""
    return max((KIND_LEVEL[kind] for kind in shown if kind), default=1)


def floor(shown: Sequence[str | None]) -> int:
    """The lowest level the shown kinds call for: 2 when at least
    `UNDERSTANDING_SHARE` of the sentences, and `UNDERSTANDING_SENTENCES` or more,
    state views, concepts or general ideas (``belief``) — protocol level 2,
    understanding; else 1.

    The level model has one score, and it orders entries by how far they reflect on
    the writer's own experience; an entry that explains a theory lies on another axis
    and scored as low as a session report (on the corpus dev split 9 of 22 Dutch and 7
    of 17 English level-2 entries were read as 1, nearly all of them shown as belief
    sentence after sentence). Never above `ceiling`: a belief sentence supports 2."""
    beliefs = sum(1 for kind in shown if kind == "belief")
    enough = beliefs >= max(UNDERSTANDING_SENTENCES, UNDERSTANDING_SHARE * len(shown))
    return 2 if enough else 1


def carries(kind: str, level: int) -> bool:
    """Whether a sentence of `kind` helps carry an entry at `level` (at level 4 the
    premise sentences)."""
    return KIND_LEVEL[kind] >= level


def certainty(shown: Sequence[str | None], level: int, probability: float) -> str:
    """``thin``: one sentence carries a level above 1, or the entry has fewer than
    three sentences; ``mixed``: the model is not sure of the level or the entry mostly
    describes while reaching higher; else ``clear``."""
    carrying = sum(1 for kind in shown if kind and carries(kind, level))
    if len(shown) < 3 or (level > 1 and carrying < 2):
        return "thin"
    describing = sum(1 for kind in shown if kind == "description")
    if probability < SURE_ENOUGH or (level > 1 and describing > len(shown) / 2):
        return "mixed"
    return "clear"


_GROUP = {
    "description": "describes",
    "feeling": "feels",
    "difficulty": "feels",
    "belief": "views",
    "future_action": "plans",
    "reason": "reasons",
    "perspective": "reasons",
    "learning": "reasons",
    "premise": "reasons",
}
_MOSTLY = {
    "describes": (
        "Dit stuk beschrijft vooral wat er gebeurde",
        "This entry mostly describes what happened",
    ),
    "feels": (
        "Dit stuk gaat vooral over wat je voelde en wat lastig was",
        "This entry is mostly about what you felt and what was difficult",
    ),
    "views": (
        "Dit stuk geeft vooral opvattingen en algemene ideeën",
        "This entry mostly gives views and general ideas",
    ),
    "plans": (
        "Dit stuk gaat vooral over wat je van plan bent",
        "This entry is mostly about what you plan to do",
    ),
    "reasons": (
        "Dit stuk denkt vooral na over je eigen ervaring",
        "This entry mostly thinks about your own experience",
    ),
    "none": (
        "In dit stuk herkent de spiegel weinig",
        "The mirror recognises little in this entry",
    ),
}
_CARRY = {
    4: (
        (
            "één zin stelt een eigen aanname ter discussie",
            "%d zinnen stellen een eigen aanname ter discussie",
        ),
        (
            "one sentence questions an assumption of your own",
            "%d sentences question an assumption of your own",
        ),
    ),
    3: (
        (
            "één zin begint na te denken over je eigen ervaring",
            "%d zinnen denken na over je eigen ervaring",
        ),
        (
            "one sentence starts to reason about your own experience",
            "%d sentences reason about your own experience",
        ),
    ),
    2: (
        (
            "één zin gaat verder dan beschrijven",
            "%d zinnen gaan verder dan beschrijven",
        ),
        ("one sentence goes beyond describing", "%d sentences go beyond describing"),
    ),
}
_UNSURE = {
    "thin": (
        "daar is nog weinig om op te bouwen, dus neem het niveau met een korrel zout",
        "there is little to go on yet, so take the level with a pinch of salt",
    ),
    "mixed": (
        "het beeld is gemengd, dus de spiegel is er niet zeker van",
        "the picture is mixed, so the mirror is not sure",
    ),
}


def summary(
    shown: Sequence[str | None], level: int, certainty: str, language: str
) -> str:
    """One plain sentence, in the entry's language, on what the entry mostly does,
    which sentences carry its level and, when unsure, that the mirror is unsure."""
    index = 0 if language == "nl" else 1
    groups = Counter(_GROUP[kind] for kind in shown if kind)
    dominant = groups.most_common(1)[0][0] if groups else "none"
    parts = [_MOSTLY[dominant][index]]
    carrying = sum(1 for kind in shown if kind and carries(kind, level))
    says_it_already = dominant == "reasons" and level == 3
    if level > 1 and carrying and not says_it_already:
        one, many = _CARRY[level][index]
        parts.append(one if carrying == 1 else many % carrying)
    if certainty in _UNSURE:
        parts.append(_UNSURE[certainty][index])
    return "; ".join(parts) + "."

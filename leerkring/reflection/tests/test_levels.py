"""The rules that tie an entry's level to its evidence (`levels.py`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from leerkring.reflection.kinds import KINDS
from leerkring.reflection.levels import carries, ceiling, certainty, floor, summary

_SHOWN = st.lists(st.sampled_from([*KINDS, None]), max_size=40)


def test_description_and_feelings_stay_at_two_at_most() -> None:
    """Kember: an entry of description and feelings is level 1–2 at any length."""
    assert ceiling(["description"] * 50) == 1
    assert ceiling(["description", "feeling", "difficulty"] * 30) == 2


def test_level_three_needs_a_sentence_that_reasons() -> None:
    """Views, plans and feelings do not open level 3; one reasoning sentence does
    (whether it is enough is the level model's call below the ceiling)."""
    assert ceiling(["description", "belief", "future_action", "feeling"] * 5) == 2
    assert ceiling(["description"] * 8 + ["reason"]) == 3
    assert ceiling(["description"] * 8 + ["learning"]) == 3


def test_only_a_premise_opens_level_four() -> None:
    assert ceiling(["reason", "perspective", "learning"] * 5) == 3
    assert ceiling(["description", "premise"]) == 4


def test_an_entry_that_mostly_explains_concepts_is_at_least_two() -> None:
    """Protocol level 2 (understanding): most sentences state views or concepts."""
    assert floor(["belief"] * 5 + ["description", None]) == 2
    assert floor(["description"] * 5 + ["belief"] * 2) == 1
    assert floor(["belief"]) == 1  # one sentence is too little to go on
    assert floor(["reason", "feeling", "description"]) == 1


@given(_SHOWN)
def test_the_floor_never_exceeds_the_ceiling(shown: list[str | None]) -> None:
    assert 1 <= floor(shown) <= ceiling(shown)


@given(_SHOWN, _SHOWN)
def test_more_evidence_never_lowers_the_ceiling(
    first: list[str | None], more: list[str | None]
) -> None:
    assert ceiling(first + more) >= ceiling(first)


@given(_SHOWN, st.integers(min_value=1, max_value=4))
def test_carrying_sentences_exist_whenever_the_ceiling_allows_the_level(
    shown: list[str | None], level: int
) -> None:
    """Any level up to the ceiling above 1 is carried by at least one sentence."""
    if 1 < level <= ceiling(shown):
        assert any(kind and carries(kind, level) for kind in shown)


def test_unsure_is_said_in_both_languages() -> None:
    shown = ["description", "description", "description", "reason"]
    word = certainty(shown, 2, 0.9)
    assert word == "thin"
    assert "one sentence goes beyond describing" in summary(shown, 2, word, "en")
    assert "korrel zout" in summary(shown, 2, word, "nl")
    assert certainty(["reason", "reason", "premise"], 3, 0.4) == "mixed"
    assert certainty(["reason", "reason", "premise"], 3, 0.8) == "clear"

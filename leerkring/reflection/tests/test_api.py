"""The public contract of `leerkring.reflection.assess`."""

from __future__ import annotations

import dataclasses

import pytest

from leerkring.reflection import Assessment, Evidence, assess, model_version
from leerkring.reflection.kinds import KINDS


def test_assessment_has_the_documented_fields(dutch_entry: str) -> None:
    """level, language, evidence, next_prompt and model_version, typed as documented."""
    result = assess(dutch_entry)
    assert isinstance(result, Assessment)
    assert isinstance(result.level, int)
    assert 1 <= result.level <= 4
    assert result.language == "nl"
    assert isinstance(result.evidence, list)
    assert isinstance(result.next_prompt, str)
    assert result.next_prompt.endswith("?")
    assert isinstance(result.model_version, str)
    assert result.model_version == model_version() != ""


def test_assessment_is_frozen(english_entry: str) -> None:
    """Callers cannot change an assessment after the fact."""
    result = assess(english_entry)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.level = 1


def test_evidence_items_point_into_the_text(dutch_entry: str) -> None:
    """Every evidence item is a non-empty span of the text with a known kind."""
    result = assess(dutch_entry)
    assert result.evidence
    for item in result.evidence:
        assert isinstance(item, Evidence)
        assert 0 <= item.start < item.end <= len(dutch_entry)
        assert item.kind in KINDS
        assert dutch_entry[item.start : item.end].strip()


def test_evidence_marks_the_kinds_the_entry_shows(english_entry: str) -> None:
    """A feeling, a premise and a next step are highlighted as such."""
    kinds = {item.kind for item in assess(english_entry).evidence}
    assert {"feeling", "premise", "future_action"} <= kinds


def test_a_premise_sentence_carries_level_four() -> None:
    """The sentence questioning the writer's own assumption is the one shown as
    premise, and it carries the level."""
    entry = (
        "I kept filling every silence in class. This week I saw why: I believed "
        "that silence means I fail as a teacher. On Friday I let the silence last "
        "ten seconds, and two students asked a question I had never heard before. "
        "I always assumed that a good teacher must know everything, and now I see "
        "that this is not true."
    )
    result = assess(entry)
    premises = [e for e in result.evidence if e.kind == "premise"]
    assert premises
    assert all(e.carries for e in premises if result.level == 4)


def test_uncertainty_is_said_in_words(english_entry: str) -> None:
    """A short entry resting on one or two sentences says the mirror is unsure."""
    result = assess("We had the check-in and then the exercise. I liked it a lot.")
    assert result.certainty == "thin"
    assert "pinch of salt" in result.summary
    dutch = assess("We hadden de check-in en daarna de oefening. Het was heel leuk.")
    assert "korrel zout" in dutch.summary


def test_same_text_gives_the_same_assessment(dutch_entry: str) -> None:
    """Assessment is deterministic."""
    assert assess(dutch_entry) == assess(dutch_entry)


@pytest.mark.parametrize(
    ("fixture", "expected"), [("dutch_entry", "nl"), ("english_entry", "en")]
)
def test_language_is_detected(
    fixture: str, expected: str, request: pytest.FixtureRequest
) -> None:
    """Dutch and English are recognised without a hint."""
    assert assess(request.getfixturevalue(fixture)).language == expected


def test_language_hint_is_respected(english_entry: str) -> None:
    """A given language wins over detection; the question follows it."""
    result = assess(english_entry, language="nl")
    assert result.language == "nl"


def test_prompt_is_in_the_entry_language(dutch_entry: str, english_entry: str) -> None:
    """The next question is asked in the language of the entry."""
    dutch = assess(dutch_entry).next_prompt
    english = assess(english_entry).next_prompt
    assert dutch != english
    assert any(word in dutch.lower().split() for word in ("je", "jij", "jouw", "wat"))
    assert any(word in english.lower().split() for word in ("you", "your", "what"))


def test_prompt_never_names_a_grade(dutch_entry: str, english_entry: str) -> None:
    """The question encourages; it does not mention levels, scores or grades."""
    for entry in (dutch_entry, english_entry):
        prompt = assess(entry).next_prompt.lower()
        for word in ("level", "niveau", "score", "grade", "cijfer"):
            assert word not in prompt


def test_plain_description_is_not_critical_reflection() -> None:
    """An account of what happened plus a vague claim is not level 4."""
    entry = (
        "Vandaag hadden we de derde bijeenkomst. We begonnen met een check-in en "
        "daarna bespraken we de voortgang van het collectieve doel. Na de pauze "
        "deden we een oefening in tweetallen. Het was een leerzame middag en ik "
        "heb veel geleerd."
    )
    assert assess(entry).level <= 2

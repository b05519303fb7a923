"""Input that cannot or should not be assessed gets a clear answer, never a crash."""

from __future__ import annotations

import pytest

from leerkring.reflection import MAX_CHARS, AssessmentError, assess
from leerkring.reflection.mirror import read


@pytest.mark.parametrize("entry", ["", "   \n\t ", "😀🙏🎉", "<p></p><br/>"])
def test_no_words_is_empty(entry: str) -> None:
    """Nothing to read gives code "empty"."""
    with pytest.raises(AssessmentError) as caught:
        assess(entry)
    assert caught.value.code == "empty"


@pytest.mark.parametrize("entry", ["Geleerd.", "hello", "Ik heb geleerd."])
def test_a_word_or_three_is_too_short(entry: str) -> None:
    """Fewer than five words gives code "too_short"."""
    with pytest.raises(AssessmentError) as caught:
        assess(entry)
    assert caught.value.code == "too_short"


def test_fifty_thousand_characters_is_read_whole(dutch_entry: str) -> None:
    """The longest journal entry (50,000 characters) gets a level and evidence."""
    entry = ((dutch_entry + " ") * (MAX_CHARS // len(dutch_entry) + 1))[:MAX_CHARS]
    result = assess(entry)
    assert 1 <= result.level <= 4
    assert result.evidence
    assert all(0 <= e.start < e.end <= len(entry) for e in result.evidence)


def test_more_than_fifty_thousand_characters_is_too_long(dutch_entry: str) -> None:
    """One character more gives code "too_long" (quickly, without analysis)."""
    assert MAX_CHARS == 50_000
    entry = ((dutch_entry + " ") * (MAX_CHARS // len(dutch_entry) + 2))[: MAX_CHARS + 1]
    with pytest.raises(AssessmentError) as caught:
        assess(entry)
    assert caught.value.code == "too_long"


@pytest.mark.parametrize(
    "entry",
    [
        "Heute habe ich im Unterricht gemerkt, dass ich immer selbst die Antwort "
        "gebe, weil ich Angst vor der Stille habe. Warum mache ich das eigentlich?",
        "Aujourd'hui j'ai remarqué que je donne toujours la réponse moi-même parce "
        "que j'ai peur du silence. Pourquoi est-ce que je fais cela?",
        "Hoy me di cuenta de que siempre doy la respuesta yo mismo porque tengo "
        "miedo del silencio en la clase. ¿Por qué lo hago?",
    ],
)
def test_other_languages_are_unsupported(entry: str) -> None:
    """German, French or Spanish give code "unsupported_language"."""
    with pytest.raises(AssessmentError) as caught:
        assess(entry)
    assert caught.value.code == "unsupported_language"


def test_unknown_requested_language_is_unsupported(dutch_entry: str) -> None:
    """Asking for a language other than nl/en gives "unsupported_language"."""
    with pytest.raises(AssessmentError) as caught:
        assess(dutch_entry, language="de")
    assert caught.value.code == "unsupported_language"


def test_gibberish_is_unsupported() -> None:
    """Words of no recognisable language give "unsupported_language"."""
    with pytest.raises(AssessmentError) as caught:
        assess("qwx zzrt plonk vrmpf krt blorb snizzle")
    assert caught.value.code == "unsupported_language"


def test_non_string_is_a_type_error() -> None:
    """A programming error is not an assessment answer."""
    with pytest.raises(TypeError):
        assess(None)


def test_mixed_dutch_and_english_is_assessed(dutch_entry: str) -> None:
    """A mixed entry gets the dominant language; a sentence clearly in the other
    language has its markers read in that language."""
    english_tail = (
        " Next time I will try to wait longer, because I realised I always assumed "
        "silence is bad."
    )
    entry = dutch_entry + english_tail
    result = assess(entry)
    assert result.language == "nl"
    assert result.evidence
    _, _, analysed = read(entry)
    assert analysed[-1].language == "en"
    assert {"future_action", "reason", "premise"} <= set(analysed[-1].kinds)


def test_emoji_do_not_break_offsets(english_entry: str) -> None:
    """Emoji are ignored for the judgement and offsets still index the original."""
    entry = "🙂 " + english_entry.replace(". ", ". 🤔 ")
    result = assess(entry)
    assert result.language == "en"
    for item in result.evidence:
        assert 0 <= item.start < item.end <= len(entry)


def test_html_and_script_are_not_read(english_entry: str) -> None:
    """Markup is blanked: script content is never evidence and never moves the level."""
    script = "<script>alert('because I assumed my belief');</script>"
    entry = f"<p>{english_entry}</p>{script}"
    result = assess(entry)
    script_start = entry.index("<script>")
    for item in result.evidence:
        assert item.end <= script_start
    assert result.level == assess(english_entry).level

"""Sentences keep their offsets; a run-on without punctuation is read in pieces."""

from __future__ import annotations

from leerkring.reflection import text


def test_sentences_point_into_the_text() -> None:
    entry = "Vandaag ging het mis.  Waarom reageerde ik zo fel? Ik weet het niet"
    found = text.sentences(text.clean(entry), "nl")
    assert [entry[s.start : s.end] for s in found] == [
        "Vandaag ging het mis.",
        "Waarom reageerde ik zo fel?",
        "Ik weet het niet",
    ]


def test_a_run_on_is_cut_every_max_sentence_words_and_loses_nothing() -> None:
    limit = text.MAX_SENTENCE_WORDS
    entry = " ".join(f"woord{'a' * (n % 3)}" for n in range(2 * limit + 7))
    found = text.sentences(text.clean(entry), "nl")
    assert [len(text.words(s.text)) for s in found] == [limit, limit, 7]
    assert all(entry[s.start : s.end] == s.text for s in found)
    assert text.words(" ".join(s.text for s in found)) == text.words(entry)


def test_a_sentence_of_exactly_the_limit_stays_whole() -> None:
    entry = " ".join(["denk"] * text.MAX_SENTENCE_WORDS) + "."
    found = text.sentences(text.clean(entry), "nl")
    assert len(found) == 1
    assert found[0].end == len(entry)

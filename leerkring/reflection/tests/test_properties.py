"""Property tests: arbitrary text never crashes the mirror and offsets stay valid."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leerkring.reflection import Assessment, AssessmentError, assess
from leerkring.reflection.kinds import KINDS
from leerkring.reflection.levels import CERTAINTIES, ceiling

_WORDS = st.sampled_from(
    [
        "ik",
        "je",
        "omdat",
        "waarom",
        "aanname",
        "volgende",
        "keer",
        "voelde",
        "bang",
        "theorie",
        "de",
        "het",
        "een",
        "was",
        "I",
        "because",
        "why",
        "assumed",
        "next",
        "time",
        "felt",
        "afraid",
        "theory",
        "the",
        "a",
        "was",
        "we",
        "<b>",
        "</b>",
        "<script>",
        "😀",
        ".",
        "?",
        "!",
        ",",
        "'n",
        "3.5",
        "e.g.",
        "o.a.",
        "—",
        "“",
        "”",
        "&amp;",
    ]
)
_SENTENCES = st.lists(_WORDS, min_size=0, max_size=80).map(" ".join)


def _check(entry: str, language: str | None = None) -> None:
    code: str | None = None
    try:
        result = assess(entry, language)
    except AssessmentError as error:
        code = error.code
    if code is not None:
        assert code in {"empty", "too_short", "too_long", "unsupported_language"}
        return
    assert 1 <= result.level <= 4
    assert result.language in {"nl", "en"}
    assert result.next_prompt
    for item in result.evidence:
        assert 0 <= item.start < item.end <= len(entry)
        assert item.kind in KINDS
    _check_level_follows_evidence(result)


def _check_level_follows_evidence(result: Assessment) -> None:
    """The level never goes beyond what the shown sentences support, a level 4
    always shows a premise sentence, a level above 1 always shows the sentences
    that carry it, and the uncertainty is said."""
    kinds = [item.kind for item in result.evidence]
    assert result.level <= ceiling(kinds)
    if result.level == 4:
        assert "premise" in kinds
    if result.level > 1:
        assert any(item.carries for item in result.evidence)
    assert result.certainty in CERTAINTIES
    assert 0.0 <= result.confidence <= 1.0
    assert result.summary.endswith(".")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_crashes(entry: str) -> None:
    """Any unicode string gets an assessment or an AssessmentError."""
    _check(entry)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_SENTENCES, st.sampled_from([None, "nl", "en"]))
def test_wordy_text_never_crashes(entry: str, language: str | None) -> None:
    """Text built from markers, markup and punctuation keeps offsets inside the text."""
    _check(entry, language)


_REAL_SENTENCES = st.sampled_from(
    [
        "Today we did the timeline exercise and then we had a break.",
        "I was nervous before the lesson started.",
        "Looking back, I reacted because I felt responsible for the deadline.",
        "I had always assumed that a good teacher must know everything.",
        "My colleague saw it completely differently.",
        "Next time I will try waiting ten seconds.",
        "Teachers should keep their authority.",
        "VANDAAG HADDEN WE DE DERDE BIJEENKOMST EN DAARNA LUNCH.",
        "Ik dacht altijd dat ik onmisbaar was, maar het team kwam er zonder mij uit.",
        "Ik merkte dat ik ingreep omdat ik bang was dat het stil zou vallen.",
        '"You always talk too much," she said.',
        "- check-in\n- oefening\n- pauze",
        "In my country if you ask a question it mean you not study good.",
    ]
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_REAL_SENTENCES, min_size=1, max_size=30).map(" ".join))
def test_real_writing_levels_follow_their_evidence(entry: str) -> None:
    """Entries made of real kinds of sentences — lists, all-caps, quotes, translation
    artefacts — never crash and never get a level their evidence does not carry."""
    _check(entry)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=1, max_value=60))
def test_description_stays_low_however_long(repeats: int) -> None:
    """An entry of description and feelings is level 1–2 whatever its length."""
    entry = " ".join(
        [
            "Today we did the timeline exercise and then we had a break.",
            "After the break we discussed the collective goal in small groups.",
            "I was happy with how it went.",
        ]
        * repeats
    )
    assert assess(entry).level <= 2

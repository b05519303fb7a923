"""Property tests: arbitrary text never crashes the mirror and offsets stay valid."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leerkring.reflection import AssessmentError, assess
from leerkring.reflection.lexicon import KINDS

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

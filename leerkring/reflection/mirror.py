"""The reflection mirror: one journal entry in, a holistic level, evidence and a
question out.

Flow: validate → blank markup/emoji (offsets preserved) → detect language → split
sentences → mark evidence kinds per sentence with the lexicons → features → level
from the model → next question. Input that cannot be assessed raises
`AssessmentError` with a stable `code` that callers translate for the user."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from . import embedding, language, lexicon, model, prompts, text
from .features import AnalysedSentence, lexical_features, pooled_embeddings

MIN_WORDS = 5
MAX_CHARS = 50_000  # as much as a journal entry holds; read in about 1 s


class AssessmentError(ValueError):
    """The entry cannot be assessed; `code` says why.

    Codes (stable, for callers to translate):

    - ``"empty"``: no words at all (empty, whitespace, only emoji or markup);
    - ``"too_short"``: fewer than `MIN_WORDS` words;
    - ``"too_long"``: more than `MAX_CHARS` characters;
    - ``"unsupported_language"``: neither Dutch nor English (detected or requested).
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Evidence:
    """A stretch of the original text (``text[start:end]``) showing one kind of"
    " evidence."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Assessment:
    """The mirror's answer for one entry."""

    level: int
    language: str
    evidence: list[Evidence] = field(default_factory=list)
    next_prompt: str = ""
    model_version: str = ""


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything derived from an entry before the level is judged."""

    language: str
    sentences: list[text.Sentence]
    analysed: list[AnalysedSentence]
    features: NDArray[np.float64]


def _validate(entry: object, requested: str | None) -> tuple[str, list[str]]:
    if not isinstance(entry, str):
        raise TypeError("text must be a str")
    if requested is not None and requested not in language.SUPPORTED:
        raise AssessmentError(
            "unsupported_language", f"Language {requested!r} is not supported."
        )
    if len(entry) > MAX_CHARS:
        raise AssessmentError(
            "too_long", f"The text is longer than {MAX_CHARS} characters."
        )
    cleaned = text.clean(entry)
    tokens = text.words(cleaned)
    if not tokens:
        raise AssessmentError("empty", "The text contains no words.")
    if len(tokens) < MIN_WORDS:
        raise AssessmentError(
            "too_short", f"The text has fewer than {MIN_WORDS} words."
        )
    return cleaned, tokens


def _entry_language(tokens: list[str], requested: str | None) -> str:
    if requested is not None:
        return requested
    detected = language.detect(tokens)
    if detected.language not in language.SUPPORTED:
        raise AssessmentError(
            "unsupported_language", "The text is neither Dutch nor English."
        )
    return detected.language


def _sentence_language(sentence: str, entry_language: str) -> str:
    """A sentence clearly in the other supported language is read with its own"
    " lexicon."""
    tokens = text.words(sentence)
    if len(tokens) < 4:
        return entry_language
    detected = language.detect(tokens)
    if detected.language in language.SUPPORTED and detected.language != entry_language:
        shares = detected.shares
        if shares[detected.language] >= 2 * shares.get(entry_language, 0.0):
            return detected.language
    return entry_language


def analyse(entry: str, requested: str | None = None) -> Analysis:
    """Validate and analyse an entry (raises `AssessmentError` for unusable input)."""
    cleaned, tokens = _validate(entry, requested)
    entry_language = _entry_language(tokens, requested)
    sentences = text.sentences(cleaned, entry_language)
    analysed = []
    for sentence in sentences:
        sentence_language = _sentence_language(sentence.text, entry_language)
        kinds = lexicon.kinds_in(sentence.text, sentence_language)
        analysed.append(
            AnalysedSentence(sentence.text, sentence_language, tuple(kinds))
        )
    return Analysis(entry_language, sentences, analysed, lexical_features(analysed))


def feature_vector(analysis: Analysis, uses_embeddings: bool) -> NDArray[np.float64]:
    """The model's input vector for an analysed entry."""
    if not uses_embeddings:
        return analysis.features
    vectors = embedding.embed([s.text for s in analysis.sentences])
    return np.concatenate([analysis.features, pooled_embeddings(vectors)])


def _evidence(analysis: Analysis) -> list[Evidence]:
    found: list[Evidence] = []
    for sentence, analysed in zip(analysis.sentences, analysis.analysed, strict=True):
        kinds = [k for k in analysed.kinds if k != "description"] or [
            k for k in analysed.kinds if k == "description"
        ]
        found.extend(Evidence(sentence.start, sentence.end, kind) for kind in kinds)
    return found


def model_version() -> str:
    """The version that every assessment made now reports; store it beside a
    result and re-assess when it changes. Cheap: no text is analysed."""
    return model.load().version


def assess(text: str, language: str | None = None) -> Assessment:
    """Assess one journal entry.

    `language` is "nl" or "en"; when None it is detected. Raises `AssessmentError` (with
    `code` "empty", "too_short", "too_long" or "unsupported_language") for input that
    cannot be assessed, and `TypeError` when `text` is not a string.
    """
    analysis = analyse(text, language)
    judge = model.load()
    level = judge.level(feature_vector(analysis, judge.uses_embeddings))
    evidence = _evidence(analysis)
    present = {item.kind for item in evidence}
    return Assessment(
        level=level,
        language=analysis.language,
        evidence=evidence,
        next_prompt=prompts.next_prompt(level, analysis.language, present),
        model_version=judge.version,
    )

"""The reflection mirror: one journal entry in, a holistic level, evidence and a
question out.

Flow: validate → blank markup/emoji (offsets preserved) → detect language → split
sentences → mark evidence kinds per sentence with the lexicons → features → level
from the model → next question. Input that cannot be assessed raises
`AssessmentError` with a stable `code` that callers translate for the user."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from . import embedding, kinds, language, levels, lexicon, model, prompts, text
from .features import AnalysedSentence, entry_features, lexical_features

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
    """A sentence of the original text (``text[start:end]``) and the kind of
    evidence it shows; `carries` marks the sentences that carry the entry's level."""

    start: int
    end: int
    kind: str
    carries: bool = False


@dataclass(frozen=True, slots=True)
class Assessment:
    """The mirror's answer for one entry.

    `confidence` is the model's probability of `level` (given what the evidence
    allows); `certainty` is ``clear``, ``mixed`` or ``thin`` and `summary` says the
    same in words, in the entry's language."""

    level: int
    language: str
    evidence: list[Evidence] = field(default_factory=list)
    next_prompt: str = ""
    model_version: str = ""
    confidence: float = 0.0
    certainty: str = "thin"
    summary: str = ""


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything derived from an entry before the level is judged."""

    language: str
    sentences: list[text.Sentence]
    analysed: list[AnalysedSentence]
    lexical: NDArray[np.float64]
    vectors: NDArray[np.float32]
    probabilities: NDArray[np.float64]
    shown: list[str | None]


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


def read(
    entry: str, requested: str | None = None
) -> tuple[str, list[text.Sentence], list[AnalysedSentence]]:
    """The entry's language, its sentences and their markers (no model involved)."""
    cleaned, tokens = _validate(entry, requested)
    entry_language = _entry_language(tokens, requested)
    sentences = text.sentences(cleaned, entry_language)
    analysed = []
    for sentence in sentences:
        sentence_language = _sentence_language(sentence.text, entry_language)
        markers = lexicon.kinds_in(sentence.text, sentence_language)
        analysed.append(
            AnalysedSentence(sentence.text, sentence_language, tuple(markers))
        )
    return entry_language, sentences, analysed


def analyse(
    entry: str,
    requested: str | None = None,
    *,
    classifier: kinds.KindModel | None = None,
    embed: Callable[[list[str]], NDArray[np.float32]] = embedding.embed,
) -> Analysis:
    """Validate and analyse an entry (raises `AssessmentError` for unusable input):
    sentences, their markers, embeddings and kinds."""
    entry_language, sentences, analysed = read(entry, requested)
    vectors = embed([s.text for s in sentences])
    flags = np.asarray(
        [kinds.markers(s.text, s.language) for s in analysed], dtype=np.float64
    ).reshape(len(analysed), len(kinds.MARKERS))
    classifier = classifier or kinds.load()
    rows = kinds.design(vectors, flags)
    probabilities = classifier.probabilities(rows)
    return Analysis(
        entry_language,
        sentences,
        analysed,
        lexical_features(analysed),
        vectors,
        probabilities,
        classifier.kinds(rows),
    )


def judge(
    analysis: Analysis, levels_model: model.LinearOrdinalModel | None = None
) -> tuple[int, float]:
    """The entry's level — the model's, raised to the evidence's floor and capped by
    what the evidence supports — and
    the model's probability of that level among the levels the evidence allows."""
    levels_model = levels_model or model.load()
    pooled = any(name.startswith("use_") for name in levels_model.feature_names)
    score = levels_model.score(
        entry_features(
            analysis.probabilities, analysis.lexical, analysis.vectors, pooled
        )
    )
    ceiling = levels.ceiling(analysis.shown)
    level = min(max(levels_model.level(score), levels.floor(analysis.shown)), ceiling)
    allowed = levels_model.probabilities(score)[:ceiling]
    return level, float(allowed[level - 1] / allowed.sum())


def _evidence(analysis: Analysis, level: int) -> list[Evidence]:
    return [
        Evidence(sentence.start, sentence.end, kind, levels.carries(kind, level))
        for sentence, kind in zip(analysis.sentences, analysis.shown, strict=True)
        if kind is not None
    ]


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
    level, confidence = judge(analysis)
    evidence = _evidence(analysis, level)
    certainty = levels.certainty(analysis.shown, level, confidence)
    return Assessment(
        level=level,
        language=analysis.language,
        evidence=evidence,
        next_prompt=prompts.next_prompt(
            level, analysis.language, {item.kind for item in evidence}
        ),
        model_version=model.load().version,
        confidence=round(confidence, 3),
        certainty=certainty,
        summary=levels.summary(analysis.shown, level, certainty, analysis.language),
    )

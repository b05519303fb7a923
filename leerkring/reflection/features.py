"""From an analysed entry to the numbers the model reads.

Every feature is a rate or a share — per sentence or per word — so that a long entry
does not look more reflective because it is long (the word-count baseline in the
bench already shows how far length alone gets). Optional sentence embeddings are
averaged and max-pooled over the sentences for the same reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .kinds import CLASSES
from .lexicon import FIRST_PERSON, KINDS, VAGUE_CLAIMS

REFLECTIVE_KINDS = ("reason", "perspective", "alternative", "premise", "future_action")


@dataclass(frozen=True, slots=True)
class AnalysedSentence:
    """One sentence with the language its markers were read in and the kinds found."""

    text: str
    language: str
    kinds: tuple[str, ...]


def _share(flags: Sequence[bool]) -> float:
    return float(sum(flags)) / len(flags) if flags else 0.0


def lexical_feature_names() -> list[str]:
    """Names of the lexicon features, in vector order."""
    names = [f"density_{kind}" for kind in KINDS]
    names += [f"present_{kind}" for kind in KINDS]
    names += [
        "first_person_word_rate",
        "first_person_sentence_share",
        "question_share",
        "self_question_share",
        "vague_claim_share",
        "vague_without_reflection",
        "impersonal_understanding_share",
        "personal_reason_share",
        "personal_feeling_share",
        "premise_with_future",
        "premise_with_alternative_or_perspective",
        "reflective_kind_variety",
        "no_marker_share",
    ]
    return names


def lexical_features(sentences: Sequence[AnalysedSentence]) -> NDArray[np.float64]:
    """Lexicon features of an entry (see `lexical_feature_names` for the order)."""
    kinds = [set(s.kinds) for s in sentences]
    personal = [bool(FIRST_PERSON[s.language].search(s.text)) for s in sentences]
    questions = [s.text.rstrip().endswith("?") for s in sentences]
    vague = [bool(VAGUE_CLAIMS[s.language].search(s.text)) for s in sentences]
    words = sum(len(s.text.split()) for s in sentences) or 1
    first_person_words = sum(
        len(FIRST_PERSON[s.language].findall(s.text)) for s in sentences
    )
    present = {kind: any(kind in k for k in kinds) for kind in KINDS}
    any_reflective = any(present[kind] for kind in REFLECTIVE_KINDS)
    understanding = [i for i, k in enumerate(kinds) if "understanding" in k]
    values = [_share([kind in k for k in kinds]) for kind in KINDS]
    values += [float(present[kind]) for kind in KINDS]
    values += [
        first_person_words / words,
        _share(personal),
        _share(questions),
        _share([q and p for q, p in zip(questions, personal, strict=True)]),
        _share(vague),
        float(any(vague) and not any_reflective),
        (_share([not personal[i] for i in understanding]) if understanding else 0.0),
        _share([("reason" in k) and p for k, p in zip(kinds, personal, strict=True)]),
        _share([("feeling" in k) and p for k, p in zip(kinds, personal, strict=True)]),
        float(present["premise"] and present["future_action"]),
        float(
            present["premise"] and (present["alternative"] or present["perspective"])
        ),
        sum(present[kind] for kind in REFLECTIVE_KINDS) / len(REFLECTIVE_KINDS),
        _share([not k for k in kinds]),
    ]
    return np.asarray(values, dtype=np.float64)


def kind_feature_names() -> list[str]:
    """Names of the sentence-kind aggregates, in vector order."""
    return [f"{pool}_{name}" for pool in ("mean", "max") for name in CLASSES]


def kind_aggregates(probabilities: NDArray[np.float64]) -> NDArray[np.float64]:
    """Mean and max over sentences of each kind's probability."""
    if probabilities.shape[0] == 0:
        return np.zeros(2 * len(CLASSES), dtype=np.float64)
    return np.concatenate([probabilities.mean(axis=0), probabilities.max(axis=0)])


def entry_feature_names(pooled: bool) -> list[str]:
    """Names of the level model's inputs (`entry_features`)."""
    names = kind_feature_names() + lexical_feature_names()
    if pooled:
        names += [f"use_{pool}_{i}" for pool in ("mean", "max") for i in range(512)]
    return names


def entry_features(
    probabilities: NDArray[np.float64],
    lexical: NDArray[np.float64],
    vectors: NDArray[np.float32],
    pooled: bool,
) -> NDArray[np.float64]:
    """The level model's input: sentence-kind aggregates, lexicon features and,
    when `pooled`, the pooled sentence embeddings."""
    parts = [kind_aggregates(probabilities), lexical]
    if pooled:
        parts.append(pooled_embeddings(vectors))
    return np.concatenate(parts)


def pooled_embeddings(vectors: NDArray[np.float32]) -> NDArray[np.float64]:
    """Mean- and max-pool sentence embeddings (rows) into one entry vector."""
    if vectors.shape[0] == 0:
        return np.zeros(2 * vectors.shape[1], dtype=np.float64)
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    if norm > 0:
        mean = mean / norm
    return np.concatenate([mean, vectors.max(axis=0)]).astype(np.float64)

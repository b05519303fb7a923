"""Sentence kinds: what each sentence of an entry does, learned from real writing.

A linear softmax classifier over the sentence's multilingual embedding (Universal
Sentence Encoder, 512-d) and a few marker flags from the Dutch/English lexicons. It is
trained (`train.py`) on the CEReD diaries — real sentences annotated by people with
Ullmann's categories — together with sentences of the project's own corpus, so what is
learned from English writing carries over to Dutch through the shared embedding
space. Weights in ``model/kinds.npz``; numpy only at run time.

The kinds, in the order the mirror reports them:

- description: what happened or was done (CEReD Experience);
- feeling: an emotion named and owned (Feeling);
- difficulty: a problem or struggle met (Difficulty);
- belief: a view, opinion or general idea stated (Belief);
- reason: the writer reasons about their own experience — why, what it meant
  (Reflection);
- perspective: another person's view, or another way it could have gone
  (Perspective);
- learning: what the writer learned, stated concretely (Learning);
- future_action: a next step or experiment (Intention);
- premise: an own assumption, belief or habit questioned or revised (from the
  project's corpus: CEReD has no such category).

``other`` (CEReD Other) is not evidence of anything and is never shown."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from . import lexicon

KINDS: tuple[str, ...] = (
    "description",
    "feeling",
    "difficulty",
    "belief",
    "reason",
    "perspective",
    "learning",
    "future_action",
    "premise",
)
CLASSES: tuple[str, ...] = ("other", *KINDS)
MARKERS: tuple[str, ...] = (*lexicon.KINDS, "first_person", "question")
PREMISE_CARRIERS = ("reason", "belief", "learning", "perspective")
PREMISE_MINIMUM = 0.7
MODEL_PATH = Path(__file__).with_name("model") / "kinds.npz"


def markers(sentence: str, language: str) -> NDArray[np.float64]:
    """Marker flags of one sentence, in the order of `MARKERS`."""
    found = set(lexicon.kinds_in(sentence, language))
    flags = [kind in found for kind in lexicon.KINDS]
    flags.append(bool(lexicon.FIRST_PERSON[language].search(sentence)))
    flags.append(sentence.rstrip().endswith("?"))
    return np.asarray(flags, dtype=np.float64)


def design(
    vectors: NDArray[np.float32], flags: NDArray[np.float64]
) -> NDArray[np.float64]:
    """The classifier's input rows: embedding followed by marker flags."""
    return np.hstack([vectors.astype(np.float64), flags])


@dataclass(frozen=True)
class KindModel:
    """Standardise, then a linear softmax over `CLASSES`; `minimum` is the smallest
    probability at which a kind is shown as evidence (per class)."""

    mean: NDArray[np.float64]
    scale: NDArray[np.float64]
    coef: NDArray[np.float64]
    intercept: NDArray[np.float64]
    minimum: NDArray[np.float64]
    premise_coef: NDArray[np.float64]
    premise_intercept: NDArray[np.float64]

    def probabilities(self, rows: NDArray[np.float64]) -> NDArray[np.float64]:
        """Class probabilities, one row per sentence."""
        logits = ((rows - self.mean) / self.scale) @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        result: NDArray[np.float64] = exp / exp.sum(axis=1, keepdims=True)
        return result

    def premise(self, rows: NDArray[np.float64]) -> NDArray[np.float64]:
        """For each sentence, the probability that a reasoning sentence questions
        an own premise (the second stage, learned from the corpus's level-4 entries
        against its lower levels)."""
        z = ((rows - self.mean) / self.scale) @ self.premise_coef
        result: NDArray[np.float64] = 1.0 / (
            1.0 + np.exp(-(z + self.premise_intercept))
        )
        return result

    def kinds(self, rows: NDArray[np.float64]) -> list[str | None]:
        """Per sentence the kind it shows, or None (``other`` or not sure enough).

        A sentence that reasons (or states a belief, a learning or another view) is
        shown as premise when the second stage says so, or when it carries a premise
        marker ("I always assumed", "ik ging ervan uit")."""
        probabilities = self.probabilities(rows)
        premise = self.premise(rows)
        marked = rows[:, -len(MARKERS) + MARKERS.index("premise")] > 0
        shown: list[str | None] = []
        for row, chance, flagged in zip(probabilities, premise, marked, strict=True):
            best = int(np.argmax(row))
            kind = CLASSES[best] if best and row[best] >= self.minimum[best] else None
            if kind in PREMISE_CARRIERS and (flagged or chance >= PREMISE_MINIMUM):
                kind = "premise"
            shown.append(kind)
        return shown

    def save(self, path: Path = MODEL_PATH) -> None:
        """Write the weights (float32 keeps the file small)."""
        np.savez_compressed(
            path,
            mean=self.mean.astype(np.float32),
            scale=self.scale.astype(np.float32),
            coef=self.coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
            minimum=self.minimum.astype(np.float32),
            premise_coef=self.premise_coef.astype(np.float32),
            premise_intercept=self.premise_intercept.astype(np.float32),
        )


@cache
def load(path: Path = MODEL_PATH) -> KindModel:
    """The trained sentence-kind model."""
    with np.load(path, allow_pickle=False) as weights:
        return KindModel(
            **{name: weights[name].astype(np.float64) for name in weights.files}
        )

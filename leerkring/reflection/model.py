"""The level model: a linear ordinal model stored as numpy arrays.

Written by `python -m leerkring.reflection.train` to `model/meta.json` and
`model/weights.npz`. It standardises the entry's feature vector (`features.py`),
projects it onto one latent "depth of reflection" score and cuts that score into
levels 1–4. The fitted thresholds give each level's probability (cumulative logit);
the cut points that decide may sit higher at the top (precision when saying 4).
Inference needs numpy only. The level it proposes is then capped by the evidence
(`levels.ceiling`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

MODEL_DIR = Path(__file__).with_name("model")


def _sigmoid(x: NDArray[np.float64]) -> NDArray[np.float64]:
    result: NDArray[np.float64] = 1.0 / (1.0 + np.exp(-x))
    return result


@dataclass(frozen=True)
class LinearOrdinalModel:
    """Standardise, project onto one score, cut into levels."""

    version: str
    feature_names: tuple[str, ...]
    mean: NDArray[np.float64]
    scale: NDArray[np.float64]
    coef: NDArray[np.float64]
    thresholds: NDArray[np.float64]
    cutpoints: NDArray[np.float64]

    def score(self, features: NDArray[np.float64]) -> float:
        """The latent reflection score of one feature vector."""
        standardised = (features - self.mean) / self.scale
        return float(standardised @ self.coef)

    def level(self, score: float) -> int:
        """Level 1–4 for a score."""
        return 1 + int(np.sum(score > self.cutpoints))

    def probabilities(self, score: float) -> NDArray[np.float64]:
        """P(level = 1 … 4) for a score, from the fitted thresholds."""
        cumulative = np.concatenate([_sigmoid(self.thresholds - score), [1.0]])
        return np.diff(np.concatenate([[0.0], cumulative]))


@cache
def load(directory: Path = MODEL_DIR) -> LinearOrdinalModel:
    """The trained level model in `directory`."""
    meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    with np.load(directory / "weights.npz", allow_pickle=False) as weights:
        return LinearOrdinalModel(
            version=str(meta["model_version"]),
            feature_names=tuple(meta["feature_names"]),
            mean=weights["mean"].astype(np.float64),
            scale=weights["scale"].astype(np.float64),
            coef=weights["coef"].astype(np.float64),
            thresholds=weights["thresholds"].astype(np.float64),
            cutpoints=weights["cutpoints"].astype(np.float64),
        )

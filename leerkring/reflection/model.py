"""The level judge: a linear ordinal model stored as numpy arrays, or a rule fallback.

The trained model (written by `python -m leerkring.reflection.train`) lives in
`model/meta.json` and `model/weights.npz`. It standardises the feature vector,
projects it onto one latent "depth of reflection" score, and cuts that score into
levels 1–4 with three cut points. Inference needs numpy only; scikit-learn and scipy
are used in training alone.

When no trained model is present, a transparent rule on the lexicon features stands
in (model version "lexicon-rules-1") so the package always works."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from .features import lexical_feature_names

MODEL_DIR = Path(__file__).with_name("model")
FALLBACK_VERSION = "lexicon-rules-1"


@dataclass(frozen=True)
class LinearOrdinalModel:
    """Standardise, project onto one score, cut into levels."""

    version: str
    feature_names: tuple[str, ...]
    uses_embeddings: bool
    mean: NDArray[np.float64]
    scale: NDArray[np.float64]
    coef: NDArray[np.float64]
    cutpoints: NDArray[np.float64]

    def score(self, features: NDArray[np.float64]) -> float:
        """The latent reflection score of one feature vector."""
        standardised = (features - self.mean) / self.scale
        return float(standardised @ self.coef)

    def level(self, features: NDArray[np.float64]) -> int:
        """Level 1–4 of one feature vector."""
        return 1 + int(np.sum(self.score(features) > self.cutpoints))


@dataclass(frozen=True)
class RuleModel:
    """Fallback judge on lexicon features, used only when no trained model exists."""

    version: str = FALLBACK_VERSION
    uses_embeddings: bool = False

    def level(self, features: NDArray[np.float64]) -> int:
        """Level 1–4 from marker presence; deliberately conservative."""
        f = dict(zip(lexical_feature_names(), features.tolist(), strict=False))
        personal = f["first_person_sentence_share"] >= 0.3
        if f["present_premise"] and (
            f["present_future_action"] or f["present_alternative"]
        ):
            return 4
        if personal and (
            f["personal_reason_share"] > 0
            and (f["present_feeling"] or f["present_perspective"])
        ):
            return 3
        if f["present_understanding"] or f["present_reason"]:
            return 2
        return 1


Model = LinearOrdinalModel | RuleModel


@cache
def load(directory: Path = MODEL_DIR) -> Model:
    """The trained model in `directory`, or the rule fallback if there is none."""
    meta_path = directory / "meta.json"
    weights_path = directory / "weights.npz"
    if not (meta_path.exists() and weights_path.exists()):
        return RuleModel()
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    with np.load(weights_path, allow_pickle=False) as weights:
        return LinearOrdinalModel(
            version=str(meta["model_version"]),
            feature_names=tuple(meta["feature_names"]),
            uses_embeddings=bool(meta["uses_embeddings"]),
            mean=weights["mean"].astype(np.float64),
            scale=weights["scale"].astype(np.float64),
            coef=weights["coef"].astype(np.float64),
            cutpoints=weights["cutpoints"].astype(np.float64),
        )

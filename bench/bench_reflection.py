"""Reflection mirror benchmark: agreement with coders on the test split, speed, memory.

Run as ``.venv/bin/python bench/bench_reflection.py``. Prints a report and writes
``bench/results/reflection.json``. Everything runs on one core (BLAS threads = 1 and, on
Linux, the process pinned to one CPU). The test split is only ever read here.

Figures per language: quadratic-weighted kappa, exact and within-one agreement, each
with a percentile-bootstrap 95% interval over entries; the confusion matrix; precision
when the mirror says level 4; and a word-count baseline (level from the train split's
length quartiles) with the paired-bootstrap interval of the kappa difference.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from leerkring.reflection import MAX_CHARS, AssessmentError, assess, metrics  # noqa: E402
from leerkring.reflection.corpus import (  # noqa: E402
    Entry,
    extension_writers,
    load_corpus,
    load_split,
    writer,
)

RESULTS = ROOT / "bench" / "results" / "reflection.json"
SPEED_WORDS = 300
SPEED_RUNS = 60
RESAMPLES = 2000

_LOAD_PROBE = """
import os, resource, sys, time, json
for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[v] = "1"
started = time.perf_counter()
cpu_started = time.process_time()
from leerkring.reflection import assess, embedding, model
judge = model.load()
if judge.uses_embeddings:
    embedding.preload()
loaded = time.perf_counter() - started
cpu = time.process_time() - cpu_started
sample = sys.stdin.read()
started = time.perf_counter()
assess(sample)
took = time.perf_counter() - started
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(
    {"load_s": loaded, "load_cpu_s": cpu, "assess_s": took, "peak_rss_mb": rss}
))
"""


def _pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to CPU {core}"
    return "not pinned (no sched_setaffinity)"


def _words(text: str) -> int:
    return len(text.split())


def _baseline_levels(train: list[Entry], test: list[Entry]) -> list[int]:
    cuts = np.quantile([_words(e.text) for e in train], [0.25, 0.5, 0.75])
    return [1 + int(np.sum(_words(e.text) > cuts)) for e in test]


def _with_interval(
    metric: metrics.Metric, truth: Any, predicted: Any
) -> dict[str, Any]:
    low, high = metrics.bootstrap_interval(
        metric, truth, predicted, resamples=RESAMPLES
    )
    return {"value": metric(truth, predicted), "ci95": [low, high]}


def _paired_difference(
    truth: np.ndarray, ours: np.ndarray, baseline: np.ndarray
) -> dict[str, Any]:
    rng = np.random.default_rng(1)
    values = []
    for _ in range(RESAMPLES):
        index = rng.integers(0, len(truth), len(truth))
        values.append(
            metrics.quadratic_kappa(truth[index], ours[index])
            - metrics.quadratic_kappa(truth[index], baseline[index])
        )
    low, high = np.percentile(values, [2.5, 97.5])
    point = metrics.quadratic_kappa(truth, ours) - metrics.quadratic_kappa(
        truth, baseline
    )
    return {"value": point, "ci95": [float(low), float(high)]}


def agreement(
    truth: list[int], predicted: list[int], baseline: list[int]
) -> dict[str, Any]:
    """All agreement figures for one group of test entries."""
    t = np.asarray(truth)
    p = np.asarray(predicted)
    b = np.asarray(baseline)
    return {
        "n": len(t),
        "coded_levels": {str(k): int(np.sum(t == k)) for k in metrics.LEVELS},
        "qwk": _with_interval(metrics.quadratic_kappa, t, p),
        "exact": _with_interval(metrics.exact, t, p),
        "within_one": _with_interval(metrics.within_one, t, p),
        "precision_at_4": _with_interval(metrics.precision_at, t, p),
        "predicted_4": int(np.sum(p == 4)),
        "confusion": metrics.confusion(t, p).tolist(),
        "baseline_word_count": {
            "qwk": _with_interval(metrics.quadratic_kappa, t, b),
            "exact": metrics.exact(t, b),
            "within_one": metrics.within_one(t, b),
        },
        "qwk_minus_baseline": _paired_difference(t, p, b),
    }


def _speed_entries(entries: list[Entry], language: str) -> list[str]:
    words = [w for e in entries if e.language == language for w in e.text.split()]
    texts = []
    for start in range(0, max(len(words) - SPEED_WORDS, 1), SPEED_WORDS // 2):
        chunk = words[start : start + SPEED_WORDS]
        if len(chunk) == SPEED_WORDS:
            texts.append(" ".join(chunk))
        if len(texts) == 10:
            break
    return texts


def speed(entries: list[Entry]) -> dict[str, Any]:
    """Per-entry latency of `assess` on 300-word entries, after load and warm-up."""
    result: dict[str, Any] = {}
    for language in ("nl", "en"):
        texts = _speed_entries(entries, language)
        for text in texts[:2]:
            assess(text)
        timings = []
        for run in range(SPEED_RUNS):
            text = texts[run % len(texts)]
            started = time.perf_counter()
            assess(text)
            timings.append((time.perf_counter() - started) * 1000)
        result[language] = {
            "words": SPEED_WORDS,
            "runs": SPEED_RUNS,
            "p50_ms": float(np.percentile(timings, 50)),
            "p95_ms": float(np.percentile(timings, 95)),
        }
    return result


def _longest_entry(entries: list[Entry]) -> str:
    """A journal entry as long as the mirror reads (`MAX_CHARS`), from real entries."""
    text = "\n\n".join(e.text for e in entries if e.language == "nl")
    return (text * (MAX_CHARS // len(text) + 1))[:MAX_CHARS]


def load_and_memory(sample: str, runs_wanted: int = 5) -> dict[str, Any]:
    """Model load time (wall and CPU), the time to assess `sample` and peak RSS in
    fresh interpreters, median of `runs_wanted`.

    Load includes importing numpy and the package, the level model and the sentence
    encoder. CPU time is reported next to wall time because wall time on a shared
    machine also measures the other processes.
    """
    runs = []
    for _ in range(runs_wanted):
        completed = subprocess.run(
            [sys.executable, "-c", _LOAD_PROBE],
            input=sample,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            timeout=120,
        )
        runs.append(json.loads(completed.stdout))
    return {
        "load_s_median": float(np.median([r["load_s"] for r in runs])),
        "load_cpu_s_median": float(np.median([r["load_cpu_s"] for r in runs])),
        "assess_s_median": float(np.median([r["assess_s"] for r in runs])),
        "load_s_runs": [r["load_s"] for r in runs],
        "load_average_1min": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "cpus": os.cpu_count(),
        "peak_rss_mb_max": float(max(r["peak_rss_mb"] for r in runs)),
    }


def _fmt(figure: dict[str, Any]) -> str:
    low, high = figure["ci95"]
    return f"{figure['value']:.3f} [{low:.3f}, {high:.3f}]"


def main() -> None:
    """Run the benchmark, print the report, write the JSON results."""
    pinning = _pin_to_one_core()
    entries = load_corpus()
    split = load_split()
    by_id = {e.id: e for e in entries}
    train = [by_id[i] for i in split["train"] if i in by_id]
    test = [by_id[i] for i in split["test"] if i in by_id]

    predicted, errors = [], []
    model_version = ""
    for entry in test:
        try:
            result = assess(entry.text)
        except AssessmentError as error:
            errors.append({"id": entry.id, "code": error.code})
            predicted.append(1)
            continue
        model_version = result.model_version
        predicted.append(result.level)

    report: dict[str, Any] = {
        "model_version": model_version,
        "split_sizes": {name: len(ids) for name, ids in split.items()},
        "corpus_levels": {
            language: {
                str(level): sum(
                    1 for e in entries if e.language == language and e.level == level
                )
                for level in metrics.LEVELS
            }
            for language in ("nl", "en")
        },
        "assessment_errors": errors,
        "agreement": {},
    }
    # Test entries of writers added after the split was first made have never been
    # read by anyone before this run: reported on their own beside the whole split.
    added = set(extension_writers())
    report["new_writers"] = sorted(added)
    report["agreement_new_writers"] = {}
    for language in ("nl", "en", "all"):
        train_part = [e for e in train if language in ("all", e.language)]
        for key, only_new in (("agreement", False), ("agreement_new_writers", True)):
            chosen = [
                i
                for i, e in enumerate(test)
                if language in ("all", e.language)
                and (not only_new or writer(e.id) in added)
            ]
            if not chosen:
                continue
            baseline = _baseline_levels(train_part, [test[i] for i in chosen])
            report[key][language] = agreement(
                [test[i].level for i in chosen],
                [predicted[i] for i in chosen],
                baseline,
            )
    report["speed_one_core"] = speed(test)
    report["speed_one_core"]["pinning"] = pinning
    report["load_and_memory"] = load_and_memory(_speed_entries(test, "nl")[0])
    report["longest_entry"] = load_and_memory(_longest_entry(test), runs_wanted=3)

    print(f"Reflection mirror {model_version} — test split ({len(test)} entries)")
    for language in ("nl", "en", "all"):
        figures = report["agreement"][language]
        base = figures["baseline_word_count"]
        print(f"\n[{language}] n={figures['n']} coded={figures['coded_levels']}")
        print(f"  QWK          {_fmt(figures['qwk'])}")
        print(f"  exact        {_fmt(figures['exact'])}")
        print(f"  within one   {_fmt(figures['within_one'])}")
        print(
            f"  precision@4  {_fmt(figures['precision_at_4'])}"
            f" (said 4: {figures['predicted_4']})"
        )
        print(f"  baseline QWK {_fmt(base['qwk'])} (word-count quartiles)")
        print(f"  QWK − base   {_fmt(figures['qwk_minus_baseline'])}")
        print("  confusion (rows coded 1–4, columns predicted 1–4):")
        for row in figures["confusion"]:
            print("    " + " ".join(f"{n:3d}" for n in row))
    for language, figures in report["agreement_new_writers"].items():
        print(
            f"\n[{language}, only writers added later: {', '.join(sorted(added))}] "
            f"n={figures['n']}  QWK {_fmt(figures['qwk'])}  exact "
            f"{_fmt(figures['exact'])}  within one {_fmt(figures['within_one'])}  "
            f"precision@4 {_fmt(figures['precision_at_4'])}"
        )
    for language, figures in report["speed_one_core"].items():
        if isinstance(figures, dict):
            print(
                f"\nspeed [{language}] 300 words: p50 {figures['p50_ms']:.1f} ms, "
                f"p95 {figures['p95_ms']:.1f} ms"
            )
    memory = report["load_and_memory"]
    print(
        f"load {memory['load_s_median']:.2f} s wall, "
        f"{memory['load_cpu_s_median']:.2f} s CPU (median of 5; load average "
        f"{memory['load_average_1min']:.1f} on {memory['cpus']} CPUs), "
        f"peak RSS {memory['peak_rss_mb_max']:.0f} MB"
    )
    longest = report["longest_entry"]
    print(
        f"longest entry ({MAX_CHARS:,} characters, first assessment in a fresh "
        f"process): {longest['assess_s_median']:.2f} s, peak RSS "
        f"{longest['peak_rss_mb_max']:.0f} MB (median of 3)"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

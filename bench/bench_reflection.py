"""Reflection mirror benchmark: real writing (CEReD), the project's corpus, speed.

Run as ``.venv/bin/python bench/bench_reflection.py`` (part of ``make bench``). Prints a
report and writes ``bench/results/reflection.json``. Everything runs on one core (BLAS
threads = 1 and, on Linux, the process pinned to one CPU).

1. **CEReD, writer-grouped cross-validation** (5 folds by `cluster`, never by
   sentence): in each fold `fitting.fit_mirror` — the recipe of the shipped model —
   is fitted on the corpus train+dev split and the other folds' CEReD rows, then reads
   the held-out passages and sentences. Figures: AUC of the entry level for passages
   whose annotated sentence is Reflection/Perspective/Learning against Experience;
   share of Experience passages called level 4; sentence-kind macro-F1 and per-kind
   precision/recall; and on the same folds the baselines: a lexicon rate (first-person
   and reasoning words per word), word count, a lexicon-only sentence classifier and
   nearest neighbours on sentence embeddings.
2. **The project's corpus, test split** (the shipped model): per language QWK, exact,
   within-one and precision when it says 4 (bootstrap intervals), confusion, and the
   baselines word count, lexicon-only ordinal model and nearest neighbours on pooled
   embeddings; calibration (how often each shown level and each certainty is right);
   evidence checks (a level 4 without a premise sentence shown, a level above 1
   without a sentence carrying it).
3. **Transfer to Dutch**: the recipe fitted without any Dutch text reads the Dutch
   test entries.
4. Speed, load and memory.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import json  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from leerkring.reflection import (  # noqa: E402
    MAX_CHARS,
    AssessmentError,
    assess,
    cered,
    fitting,
    kinds,
    metrics,
    mirror,
    ordinal,
    vectors,
)
from leerkring.reflection.corpus import (  # noqa: E402
    Entry,
    extension_writers,
    load_corpus,
    load_split,
    writer,
)
from leerkring.reflection.features import pooled_embeddings  # noqa: E402

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
from leerkring.reflection import assess, embedding, kinds, model
model.load()
kinds.load()
embedding.preload()
loaded = time.perf_counter() - started
cpu = time.process_time() - cpu_started
sample = sys.stdin.read()
started = time.perf_counter()
assess(sample)
took = time.perf_counter() - started
# VmHWM is this process's own peak: ru_maxrss would include the bench's RSS at fork.
try:
    with open("/proc/self/status") as status:
        rss = next(
            int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM")
        )
except OSError:
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
        timings, cpu = [], []
        for run in range(SPEED_RUNS):
            text = texts[run % len(texts)]
            started, cpu_started = time.perf_counter(), time.process_time()
            assess(text)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        # CPU time beside wall time: on a shared machine wall time also measures
        # the other processes.
        result[language] = {
            "words": SPEED_WORDS,
            "runs": SPEED_RUNS,
            "p50_ms": float(np.percentile(timings, 50)),
            "p95_ms": float(np.percentile(timings, 95)),
            "cpu_p50_ms": float(np.percentile(cpu, 50)),
            "cpu_p95_ms": float(np.percentile(cpu, 95)),
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


FOLDS = 5
NEIGHBOURS = 15
# The crude count the issue measured: first-person and reasoning words per word.
LEXICON_RATE = re.compile(
    r"\b(i|me|my|myself|because|realis\w*|realiz\w*|think\w*|thought|learn\w*)\b",
    re.IGNORECASE,
)
REFLECTIVE_KINDS = ("reason", "perspective", "learning", "premise")


def _auc(positive: np.ndarray, score: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(positive, score))


def _per_kind(truth: list[str], said: list[str]) -> dict[str, Any]:
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    labels = [k for k in cered.CATEGORY_KIND.values() if k != "other"]
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, said, labels=labels, zero_division=0
    )
    return {
        "macro_f1": float(
            f1_score(truth, said, labels=[*labels, "other"], average="macro")
        ),
        "macro_f1_kinds": float(np.mean(f1)),
        "per_kind": {
            label: {
                "precision": float(p),
                "recall": float(r),
                "f1": float(f),
                "n": int(n),
            }
            for label, p, r, f, n in zip(
                labels, precision, recall, f1, support, strict=True
            )
        },
    }


def _neighbour_kinds(
    train: np.ndarray, labels: np.ndarray, test: np.ndarray
) -> list[str]:
    """Majority kind of the nearest training sentences (cosine on embeddings)."""
    similarity = test @ train.T
    nearest = np.argsort(-similarity, axis=1)[:, :NEIGHBOURS]
    said = []
    for row in nearest:
        values, counts = np.unique(labels[row], return_counts=True)
        said.append(str(values[np.argmax(counts)]))
    return said


def _lexicon_kinds(
    train_flags: np.ndarray, labels: np.ndarray, test_flags: np.ndarray
) -> list[str]:
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(max_iter=2000).fit(train_flags, labels)
    return [str(k) for k in fitted.predict(test_flags)]


def cered_cross_validation(corpus: list[Entry], cache: vectors.Cache) -> dict[str, Any]:
    """Writer-grouped cross-validation of the whole recipe on CEReD."""
    from sklearn.model_selection import GroupKFold

    rows = cered.load()
    groups = np.asarray([row.cluster for row in rows])
    levels = np.zeros(len(rows), dtype=np.int64)
    confidence = np.zeros(len(rows))
    premise_missing = 0
    said: list[str] = [""] * len(rows)
    neighbour: list[str] = [""] * len(rows)
    lexical: list[str] = [""] * len(rows)
    sentence_vectors = cache.embed([row.sentence for row in rows])
    sentence_flags = np.asarray([kinds.markers(row.sentence, "en") for row in rows])
    truth = np.asarray([row.kind for row in rows])
    for fold, (fit_part, held) in enumerate(
        GroupKFold(FOLDS).split(rows, groups=groups)
    ):
        started = time.perf_counter()
        classifier, levels_model = fitting.fit_mirror(
            corpus, [rows[i] for i in fit_part], cache.embed
        )
        shown = classifier.kinds(
            kinds.design(sentence_vectors[held], sentence_flags[held])
        )
        for i, kind in zip(held, shown, strict=True):
            # CEReD has no premise category: a premise is its kind of Reflection.
            said[i] = {"premise": "reason", None: "other"}.get(kind, kind or "other")
        analysed = fitting.analyse_all(
            [(rows[i].context, "en") for i in held], classifier, cache.embed
        )
        for i, analysis in zip(held, analysed, strict=True):
            if analysis is None:
                continue
            levels[i], confidence[i] = mirror.judge(analysis, levels_model)
            premise_missing += levels[i] == 4 and "premise" not in analysis.shown
        for i, kind in zip(
            held,
            _neighbour_kinds(
                sentence_vectors[fit_part], truth[fit_part], sentence_vectors[held]
            ),
            strict=True,
        ):
            neighbour[i] = kind
        for i, kind in zip(
            held,
            _lexicon_kinds(
                sentence_flags[fit_part], truth[fit_part], sentence_flags[held]
            ),
            strict=True,
        ):
            lexical[i] = kind
        print(f"  CEReD fold {fold + 1}/{FOLDS}: {time.perf_counter() - started:.0f} s")
    categories = np.asarray([row.category for row in rows])
    reflective = np.isin(categories, cered.REFLECTIVE_CATEGORIES)
    describing = categories == cered.DESCRIPTIVE_CATEGORY
    chosen = (reflective | describing) & (levels > 0)
    words = np.asarray([len(row.context.split()) for row in rows], dtype=np.float64)
    rate = np.asarray(
        [len(LEXICON_RATE.findall(row.context)) for row in rows], dtype=np.float64
    ) / np.maximum(words, 1)
    mirror_auc = _auc(reflective[chosen], levels[chosen])
    baselines = {
        "lexicon_rate": _auc(reflective[chosen], rate[chosen]),
        "word_count": _auc(reflective[chosen], words[chosen]),
    }
    return {
        "passages": {
            "reflective": int(np.sum(reflective & chosen)),
            "experience": int(np.sum(describing & chosen)),
        },
        "auc_level": mirror_auc,
        "auc_baselines": baselines,
        "auc_margin_over_best_baseline": mirror_auc - max(baselines.values()),
        "experience_called_4": float(np.mean(levels[describing & chosen] == 4)),
        "level_distribution": {
            "experience": np.bincount(levels[describing & chosen], minlength=5)[
                1:
            ].tolist(),
            "reflective": np.bincount(levels[reflective & chosen], minlength=5)[
                1:
            ].tolist(),
        },
        "level_4_without_premise": int(premise_missing),
        "sentence_kinds": _per_kind(truth.tolist(), said),
        "sentence_kinds_neighbours": _per_kind(truth.tolist(), neighbour),
        "sentence_kinds_lexicon_only": _per_kind(truth.tolist(), lexical),
    }


def _corpus_analyses(
    entries: list[Entry], cache: vectors.Cache
) -> list[mirror.Analysis]:
    return [mirror.analyse(e.text, e.language, embed=cache.embed) for e in entries]


def corpus_baselines(
    fit: list[Entry], test: list[Entry], cache: vectors.Cache
) -> dict[str, list[int]]:
    """Levels from a lexicon-only ordinal model and from nearest neighbours on pooled
    embeddings, both fitted on `fit`, for the `test` entries."""
    fit_analysed = _corpus_analyses(fit, cache)
    test_analysed = _corpus_analyses(test, cache)
    x = np.asarray([a.lexical for a in fit_analysed])
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    truth = np.asarray([e.level for e in fit], dtype=np.int64)
    lexical_model = ordinal.fit((x - mean) / scale, truth, 3.0)
    lexical_levels = lexical_model.predict(
        (np.asarray([a.lexical for a in test_analysed]) - mean) / scale
    )
    pooled_fit = np.asarray([pooled_embeddings(a.vectors)[:512] for a in fit_analysed])
    pooled_test = np.asarray(
        [pooled_embeddings(a.vectors)[:512] for a in test_analysed]
    )
    nearest = np.argsort(-(pooled_test @ pooled_fit.T), axis=1)[:, :NEIGHBOURS]
    neighbour_levels = [round(float(np.median(truth[row]))) for row in nearest]
    return {
        "lexicon_only_model": [int(v) for v in lexical_levels],
        "nearest_neighbours": neighbour_levels,
    }


def calibration(
    truth: list[int], said: list[int], confidence: list[float], certainty: list[str]
) -> dict[str, Any]:
    """How often each shown level, and each certainty, is the coded level."""
    t, p = np.asarray(truth), np.asarray(said)
    c = np.asarray(confidence)
    result: dict[str, Any] = {"by_level": {}, "by_certainty": {}}
    for level in metrics.LEVELS:
        shown = p == level
        result["by_level"][str(level)] = {
            "shown": int(shown.sum()),
            "right": float(np.mean(t[shown] == level)) if shown.any() else None,
            "mean_confidence": float(c[shown].mean()) if shown.any() else None,
        }
    for word in ("clear", "mixed", "thin"):
        shown = np.asarray([w == word for w in certainty])
        result["by_certainty"][word] = {
            "shown": int(shown.sum()),
            "right": float(np.mean(t[shown] == p[shown])) if shown.any() else None,
            "within_one": (
                float(np.mean(np.abs(t[shown] - p[shown]) <= 1))
                if shown.any()
                else None
            ),
        }
    return result


def transfer_to_dutch(
    fit: list[Entry], test: list[Entry], cache: vectors.Cache
) -> dict[str, Any]:
    """The recipe fitted with no Dutch at all, reading the Dutch test entries."""
    english = [e for e in fit if e.language == "en"]
    classifier, levels_model = fitting.fit_mirror(english, cered.load(), cache.embed)
    dutch = [e for e in test if e.language == "nl"]
    analysed = fitting.analyse_all(
        [(e.text, "nl") for e in dutch], classifier, cache.embed
    )
    said = [mirror.judge(a, levels_model)[0] if a else 1 for a in analysed]
    truth = [e.level for e in dutch]
    return {
        "n": len(dutch),
        "qwk": metrics.quadratic_kappa(truth, said),
        "within_one": metrics.within_one(truth, said),
        "precision_at_4": metrics.precision_at(truth, said, 4),
    }


def corpus_test(
    train: list[Entry], test: list[Entry], cache: vectors.Cache
) -> dict[str, Any]:
    """The shipped model on the corpus test split, with baselines and checks."""
    predicted, confidence, certainty, errors = [], [], [], []
    premise_missing = unsupported = 0
    model_version = ""
    for entry in test:
        try:
            result = assess(entry.text)
        except AssessmentError as error:
            errors.append({"id": entry.id, "code": error.code})
            predicted.append(1)
            confidence.append(0.0)
            certainty.append("thin")
            continue
        model_version = result.model_version
        predicted.append(result.level)
        confidence.append(result.confidence)
        certainty.append(result.certainty)
        shown = {item.kind for item in result.evidence}
        premise_missing += result.level == 4 and "premise" not in shown
        unsupported += result.level > 1 and not any(
            item.carries for item in result.evidence
        )
    baselines = corpus_baselines(train, test, cache)
    report: dict[str, Any] = {
        "model_version": model_version,
        "assessment_errors": errors,
        "level_4_without_premise": premise_missing,
        "level_without_carrying_sentence": unsupported,
        "agreement": {},
        "calibration": calibration(
            [e.level for e in test], predicted, confidence, certainty
        ),
    }
    added = set(extension_writers())
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
            truth = [test[i].level for i in chosen]
            figures = agreement(
                truth,
                [predicted[i] for i in chosen],
                _baseline_levels(train_part, [test[i] for i in chosen]),
            )
            for name, levels in baselines.items():
                figures[f"baseline_{name}"] = {
                    "qwk": metrics.quadratic_kappa(truth, [levels[i] for i in chosen]),
                    "within_one": metrics.within_one(
                        truth, [levels[i] for i in chosen]
                    ),
                }
            report[key][language] = figures
    return report


def main() -> None:
    """Run the benchmark, print the report, write the JSON results."""
    pinning = _pin_to_one_core()
    entries = load_corpus()
    split = load_split()
    by_id = {e.id: e for e in entries}
    train = [by_id[i] for i in split["train"] + split["dev"] if i in by_id]
    test = [by_id[i] for i in split["test"] if i in by_id]
    cache = vectors.Cache()
    report: dict[str, Any] = {"split_sizes": {k: len(v) for k, v in split.items()}}
    report["corpus_test"] = corpus_test(train, test, cache)
    if cered.available():  # the training data of the recipe: both need it
        print("CEReD cross-validation …")
        report["cered"] = cered_cross_validation(train, cache)
        report["transfer_to_dutch"] = transfer_to_dutch(train, test, cache)
    cache.save()
    report["speed_one_core"] = speed(test)
    report["speed_one_core"]["pinning"] = pinning
    report["load_and_memory"] = load_and_memory(_speed_entries(test, "nl")[0])
    report["longest_entry"] = load_and_memory(_longest_entry(test), runs_wanted=3)
    _print(report)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten {RESULTS.relative_to(ROOT)}")


def _print(report: dict[str, Any]) -> None:
    if "cered" in report:
        c = report["cered"]
        base = c["auc_baselines"]
        print(
            f"\nCEReD ({FOLDS}-fold by writer; "
            f"{c['passages']['reflective']} reflective,"
            f" {c['passages']['experience']} Experience passages)\n"
            f"  AUC of level {c['auc_level']:.3f}; baselines: lexicon rate "
            f"{base['lexicon_rate']:.3f}, word count {base['word_count']:.3f}; margin "
            f"{c['auc_margin_over_best_baseline']:+.3f}\n"
            f"  Experience passages called 4: {c['experience_called_4']:.1%}; levels "
            f"Experience {c['level_distribution']['experience']}, reflective "
            f"{c['level_distribution']['reflective']}; level 4 without premise "
            f"{c['level_4_without_premise']}"
        )
        for name in (
            "sentence_kinds",
            "sentence_kinds_neighbours",
            "sentence_kinds_lexicon_only",
        ):
            print(f"  {name}: macro-F1 {c[name]['macro_f1']:.3f}")
        for kind, f in c["sentence_kinds"]["per_kind"].items():
            print(
                f"    {kind:<14} P {f['precision']:.2f}  R {f['recall']:.2f}  "
                f"F1 {f['f1']:.2f}  n {f['n']}"
            )
    corpus = report["corpus_test"]
    print(f"\nCorpus test split, model {corpus['model_version']}")
    for language in ("nl", "en", "all"):
        f = corpus["agreement"][language]
        print(
            f"[{language}] n={f['n']} QWK {_fmt(f['qwk'])} exact {_fmt(f['exact'])} "
            f"within one {_fmt(f['within_one'])} precision@4 "
            f"{_fmt(f['precision_at_4'])} (said 4: {f['predicted_4']})"
        )
        print(
            "  baselines QWK: word count "
            f"{f['baseline_word_count']['qwk']['value']:.3f},"
            f" lexicon-only model {f['baseline_lexicon_only_model']['qwk']:.3f},"
            f" nearest neighbours {f['baseline_nearest_neighbours']['qwk']:.3f}"
        )
        for row in f["confusion"]:
            print("    " + " ".join(f"{n:3d}" for n in row))
    print(
        f"level 4 without premise evidence: {corpus['level_4_without_premise']}; "
        f"level > 1 without a carrying sentence: "
        f"{corpus['level_without_carrying_sentence']}"
    )
    for level, f in corpus["calibration"]["by_level"].items():
        print(f"  shown {level}: {f['shown']} times, right {f['right']}")
    for word, f in corpus["calibration"]["by_certainty"].items():
        print(
            f"  {word}: {f['shown']} times, exact {f['right']}, within one "
            f"{f['within_one']}"
        )
    t = report.get("transfer_to_dutch")
    if t is None:
        print("CEReD not found: no cross-validation, no transfer figure")
    else:
        print(
            f"transfer (no Dutch in training) → Dutch test: QWK {t['qwk']:.3f}, "
            f"within one {t['within_one']:.3f}, precision@4 {t['precision_at_4']:.3f}"
        )
    for language, figures in report["speed_one_core"].items():
        if isinstance(figures, dict):
            print(
                f"speed [{language}] 300 words: p50 {figures['p50_ms']:.1f} ms, "
                f"p95 {figures['p95_ms']:.1f} ms wall; CPU p50 "
                f"{figures['cpu_p50_ms']:.1f} ms, p95 {figures['cpu_p95_ms']:.1f} ms"
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
        f"longest entry ({MAX_CHARS:,} characters): "
        f"{longest['assess_s_median']:.2f} s, peak RSS "
        f"{longest['peak_rss_mb_max']:.0f} MB"
    )


if __name__ == "__main__":
    main()

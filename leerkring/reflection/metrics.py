"""Agreement measures for ordinal levels 1–4 (numpy only), for training and bench."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

LEVELS = (1, 2, 3, 4)
Metric = Callable[[NDArray[np.int64], NDArray[np.int64]], float]


def _arrays(
    truth: Sequence[int] | NDArray[np.int64],
    predicted: Sequence[int] | NDArray[np.int64],
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    return np.asarray(truth, dtype=np.int64), np.asarray(predicted, dtype=np.int64)


def confusion(
    truth: Sequence[int] | NDArray[np.int64],
    predicted: Sequence[int] | NDArray[np.int64],
) -> NDArray[np.int64]:
    """4×4 counts, rows = coded level, columns = predicted level."""
    t, p = _arrays(truth, predicted)
    matrix = np.zeros((len(LEVELS), len(LEVELS)), dtype=np.int64)
    np.add.at(matrix, (t - 1, p - 1), 1)
    return matrix


def quadratic_kappa(
    truth: Sequence[int] | NDArray[np.int64],
    predicted: Sequence[int] | NDArray[np.int64],
) -> float:
    """Cohen's kappa with quadratic weights over levels 1–4 (0 when undefined)."""
    observed = confusion(truth, predicted).astype(np.float64)
    total = observed.sum()
    if total == 0:
        return 0.0
    k = len(LEVELS)
    i, j = np.indices((k, k))
    weights = (i - j) ** 2 / (k - 1) ** 2
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / total
    denominator = float((weights * expected).sum())
    if denominator == 0:
        return 0.0
    return 1.0 - float((weights * observed).sum()) / denominator


def exact(
    truth: Sequence[int] | NDArray[np.int64],
    predicted: Sequence[int] | NDArray[np.int64],
) -> float:
    """Share of entries given exactly the coded level."""
    t, p = _arrays(truth, predicted)
    return float(np.mean(t == p)) if len(t) else 0.0


def within_one(
    truth: Sequence[int] | NDArray[np.int64],
    predicted: Sequence[int] | NDArray[np.int64],
) -> float:
    """Share of entries at most one level away from the coded level."""
    t, p = _arrays(truth, predicted)
    return float(np.mean(np.abs(t - p) <= 1)) if len(t) else 0.0


def precision_at(
    truth: Sequence[int] | NDArray[np.int64],
    predicted: Sequence[int] | NDArray[np.int64],
    level: int = 4,
) -> float:
    """Of the entries predicted at `level`, the share coded at `level` (nan if none)."""
    t, p = _arrays(truth, predicted)
    chosen = p == level
    return float(np.mean(t[chosen] == level)) if chosen.any() else float("nan")


def bootstrap_interval(
    metric: Metric,
    truth: Sequence[int] | NDArray[np.int64],
    predicted: Sequence[int] | NDArray[np.int64],
    *,
    resamples: int = 2000,
    seed: int = 20080101,
    coverage: float = 0.95,
) -> tuple[float, float]:
    """Percentile bootstrap interval of `metric` over entries (nan-safe)."""
    t, p = _arrays(truth, predicted)
    if len(t) == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(resamples):
        index = rng.integers(0, len(t), len(t))
        values.append(metric(t[index], p[index]))
    array = np.asarray(values, dtype=np.float64)
    array = array[~np.isnan(array)]
    if array.size == 0:
        return (float("nan"), float("nan"))
    tail = (1 - coverage) / 2 * 100
    low, high = np.percentile(array, [tail, 100 - tail])
    return (float(low), float(high))

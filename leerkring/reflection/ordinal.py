"""Proportional-odds (cumulative logit) regression with an L2 penalty (scipy).

Used in training only. The model: a latent score z = x·w and three ordered thresholds θ;
P(level ≤ k) = σ(θ_k − z). Ordinal rather than multinomial because the levels are
ordered and the corpus is small: one weight vector shared by all three boundaries needs
far fewer parameters than four class vectors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import minimize
from scipy.special import expit

N_LEVELS = 4


def _thresholds(raw: NDArray[np.float64]) -> NDArray[np.float64]:
    """Ordered thresholds from an unconstrained vector (first, then log-gaps)."""
    return np.concatenate([[raw[0]], raw[0] + np.cumsum(np.exp(raw[1:]))])


@dataclass(frozen=True)
class OrdinalLogit:
    """A fitted cumulative-logit model."""

    coef: NDArray[np.float64]
    thresholds: NDArray[np.float64]

    def score(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        """Latent scores of the rows of `x`."""
        return x @ self.coef

    def predict(self, x: NDArray[np.float64]) -> NDArray[np.int64]:
        """Levels 1–4 by the model's own thresholds (the median level)."""
        scores = self.score(x)
        return 1 + (scores[:, None] > self.thresholds[None, :]).sum(axis=1)


def fit(
    x: NDArray[np.float64],
    y: NDArray[np.int64],
    l2: float,
    sample_weight: NDArray[np.float64] | None = None,
) -> OrdinalLogit:
    """Fit w and θ by penalised maximum likelihood (L-BFGS, analytic gradient)."""
    n, d = x.shape
    weight = np.ones(n) if sample_weight is None else sample_weight
    upper_index = y - 1  # threshold index above the level (3 means +inf)
    lower_index = y - 2  # threshold index below the level (-1 means -inf)

    def objective(params: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        w, raw = params[:d], params[d:]
        theta = _thresholds(raw)
        z = x @ w
        padded = np.concatenate([theta, [np.inf]])
        upper = np.where(upper_index < N_LEVELS - 1, padded[upper_index] - z, np.inf)
        lower = np.where(
            lower_index >= 0, padded[np.maximum(lower_index, 0)] - z, -np.inf
        )
        su, sl = expit(upper), expit(lower)
        p = np.maximum(su - sl, 1e-12)
        du, dl = su * (1 - su), sl * (1 - sl)
        loss = -float(np.sum(weight * np.log(p))) + l2 * float(w @ w)
        dz = weight * (du - dl) / p
        grad_w = x.T @ dz + 2 * l2 * w
        grad_theta = np.zeros(N_LEVELS - 1)
        np.add.at(
            grad_theta,
            np.minimum(upper_index, N_LEVELS - 2),
            np.where(upper_index < N_LEVELS - 1, -weight * du / p, 0.0),
        )
        np.add.at(
            grad_theta,
            np.maximum(lower_index, 0),
            np.where(lower_index >= 0, weight * dl / p, 0.0),
        )
        # chain rule through the ordered parameterisation
        grad_raw = np.empty(N_LEVELS - 1)
        grad_raw[0] = grad_theta.sum()
        gaps = np.exp(raw[1:])
        for k in range(1, N_LEVELS - 1):
            grad_raw[k] = grad_theta[k:].sum() * gaps[k - 1]
        return loss, np.concatenate([grad_w, grad_raw])

    start = np.concatenate([np.zeros(d), [-1.0, 0.0, 0.0]])
    result = minimize(
        objective, start, jac=True, method="L-BFGS-B", options={"maxiter": 2000}
    )
    params = result.x
    return OrdinalLogit(coef=params[:d], thresholds=_thresholds(params[d:]))

"""Fitting the combiner: L2-regularised multinomial logistic regression, full batch, numpy."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from services.extraction.learned.combiner import Combiner

LABELS = ("denial", "warning", "accusation", "assertion", "none")


def fit(
    rows: Sequence[Mapping[str, float]],
    labels: Sequence[str],
    *,
    c: float = 1.0,
    steps: int = 400,
    rate: float = 0.1,
) -> Combiner:
    """Minimise C * sum(cross-entropy) + |W|^2 / 2 (bias free) with Adam; deterministic."""
    names = sorted({k for r in rows for k in r})
    index = {k: i for i, k in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for n, r in enumerate(rows):
        for k, v in r.items():
            x[n, index[k]] = v
    y = np.zeros((len(rows), len(LABELS)))
    y[np.arange(len(rows)), [LABELS.index(label) for label in labels]] = 1.0
    w = np.zeros((len(names), len(LABELS)))
    b = np.zeros(len(LABELS))
    moments = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    scale = c  # gradients of the summed loss; the penalty's gradient is w itself
    for step in range(1, steps + 1):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = scale * (p - y)
        gw, gb = x.T @ g + w, g.sum(axis=0)
        for i, (param, grad) in enumerate(((w, gw), (b, gb))):
            first, second = moments[2 * i], moments[2 * i + 1]
            first *= 0.9
            first += 0.1 * grad
            second *= 0.999
            second += 0.001 * grad * grad
            step_size = rate / (1 - 0.9**step)
            param -= step_size * first / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return Combiner(
        labels=LABELS,
        weights={k: tuple(float(v) for v in w[i]) for k, i in index.items()},
        bias=tuple(float(v) for v in b),
    )

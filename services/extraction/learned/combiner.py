"""The type combiner: a multinomial logistic model over a candidate claim's named features.

Its labels are the four claim types and `none` (the candidate is not a claim the annotators
would make). Weights are plain lists so the model file is readable JSON; scoring is a sparse
dot product, no numpy needed at run time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

NONE = "none"


@dataclass(frozen=True)
class Signal:
    feature: str
    weight: float  # how much it favoured the chosen label over the runner-up


@dataclass(frozen=True)
class Decision:
    label: str
    probability: float
    runner_up: str
    signals: tuple[Signal, ...]


@dataclass(frozen=True)
class Combiner:
    labels: tuple[str, ...]
    weights: Mapping[str, Sequence[float]]  # feature -> one weight per label
    bias: Sequence[float]

    def scores(self, features: Mapping[str, float]) -> list[float]:
        out = list(self.bias)
        for name, value in features.items():
            row = self.weights.get(name)
            if row is not None:
                for k, w in enumerate(row):
                    out[k] += w * value
        return out

    def probabilities(
        self, features: Mapping[str, float], boost: Mapping[str, float] | None = None
    ) -> dict[str, float]:
        s = self.scores(features)
        if boost:
            s = [v + boost.get(label, 0.0) for label, v in zip(self.labels, s, strict=True)]
        top = max(s)
        e = [math.exp(v - top) for v in s]
        total = sum(e)
        return {label: v / total for label, v in zip(self.labels, e, strict=True)}

    def decide(
        self,
        features: Mapping[str, float],
        *,
        boost: Mapping[str, float] | None = None,
        none_floor: float = 0.0,
        top: int = 6,
    ) -> Decision:
        """The label with the highest (boosted) probability; `none` only at `none_floor` or more."""
        probs = self.probabilities(features, boost)
        ranked = sorted(probs, key=lambda k: -probs[k])
        if ranked[0] == NONE and probs[NONE] < none_floor:
            ranked = [*ranked[1:], NONE]
        best, second = ranked[0], ranked[1]
        b, r = self.labels.index(best), self.labels.index(second)
        signals = [
            Signal(name, round(value * (row[b] - row[r]), 3))
            for name, value in features.items()
            if (row := self.weights.get(name)) is not None
        ]
        signals.append(Signal("(bias)", round(self.bias[b] - self.bias[r], 3)))
        signals.sort(key=lambda s: -abs(s.weight))
        return Decision(best, round(probs[best], 3), second, tuple(signals[:top]))

    def to_json(self) -> dict[str, Any]:
        return {
            "labels": list(self.labels),
            "bias": [round(b, 5) for b in self.bias],
            "weights": {k: [round(w, 5) for w in v] for k, v in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Combiner:
        return cls(
            labels=tuple(raw["labels"]),
            weights={str(k): tuple(float(w) for w in v) for k, v in raw["weights"].items()},
            bias=tuple(float(b) for b in raw["bias"]),
        )

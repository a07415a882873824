"""The combiner: fitted weights decide types, and an explanation names the deciding signals."""

from __future__ import annotations

from services.extraction.learned.combiner import Combiner
from services.extraction.learned.fit import fit


def test_fit_learns_a_separable_signal_and_explains_it() -> None:
    rows = [{"said:falsity": 1.0, "rule=assertion": 1.0}] * 20 + [{"rule=assertion": 1.0}] * 20
    labels = ["denial"] * 20 + ["assertion"] * 20
    model = fit(rows, labels, c=1.0)
    decision = model.decide({"said:falsity": 1.0, "rule=assertion": 1.0})
    assert decision.label == "denial"
    assert decision.probability > 0.8
    assert decision.signals[0].feature == "said:falsity"
    assert decision.signals[0].weight > 0
    assert model.decide({"rule=assertion": 1.0}).label == "assertion"


def test_unknown_features_are_ignored_and_json_round_trips() -> None:
    model = fit([{"a": 1.0}, {"b": 1.0}], ["warning", "none"], c=1.0, steps=50)
    again = Combiner.from_json(model.to_json())
    assert again.labels == model.labels
    unseen = {"never-seen": 1.0}
    assert again.decide(unseen).label == model.decide(unseen).label
    probs = again.probabilities({"a": 1.0})
    assert abs(sum(probs.values()) - 1.0) < 1e-9

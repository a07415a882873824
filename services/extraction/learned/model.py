"""The learned model as shipped: induced cues, word classes and combiner weights in one file."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from schemas.claims import Claim, ClaimType
from services.extraction.acts import repeats
from services.extraction.learned.combiner import NONE, Combiner, Decision
from services.extraction.learned.cues import InducedCue
from services.extraction.learned.features import features, own_sentences, rule_strength

MODEL_FILE = "data/model.json"
# The word classes (features.py) a type is defined by, in the annotation guidelines' words.
EVIDENCE: dict[str, tuple[str, ...]] = {
    "warning": (
        "harm",
        "punishment",
        "resolve",
        "threat_idiom",
        "advice",
        "addressee",
        "obligation",
    ),
    "denial": ("falsity", "denying", "innocence", "negation", "denial_idiom"),
    "accusation": ("blame", "falsity"),
}
FORMAT = 1


@dataclass(frozen=True)
class Policy:
    """How decisions are read: alert types' logits raised by `alert_boost` (recall against
    precision); with `drop_none`, a candidate whose `none` probability reaches `none_floor` is
    dropped, else the best of the four types is taken; with `promote_only` only the rules'
    assertions are retyped. The defaults are what cross-validation chose (README): dropping
    and boosting cost more than they gained; promoting only scored as well as retyping all."""

    alert_boost: float = 0.0
    none_floor: float = 0.5
    drop_none: bool = False
    # only retype what the rules called an assertion by its content: their denials, warnings
    # and accusations, and what a cue's construction settled ("rejected the proposal" is no
    # denial), come from structure the combiner's word classes cannot see
    promote_only: bool = True
    # a retyping needs a word class that type is defined by (guidelines): a warning some harm,
    # punishment, resolve or advice; a denial some falsity, denying, innocence or negation
    require_evidence: bool = True


@dataclass(frozen=True)
class Judged:
    candidate: Claim  # as the rules built it
    result: Claim | None  # as the model leaves it (None: dropped)
    decision: Decision | None
    repeat: Claim | None = None  # the result, dropped as a second telling of one act (acts.py)


def drop_repeats(judged: list[Judged]) -> list[Judged]:
    """The judgements with each act's second telling dropped, kept aside as `repeat`."""
    again = repeats([j.result for j in judged])
    return [
        replace(j, result=None, repeat=j.result) if i in again else j for i, j in enumerate(judged)
    ]


@dataclass(frozen=True)
class LearnedModel:
    cues: tuple[InducedCue, ...]
    classes: dict[str, frozenset[str]]
    combiner: Combiner | None
    policy: Policy = field(default_factory=lambda: Policy())
    meta: dict[str, Any] = field(default_factory=dict)

    def _evidenced(self, signals: dict[str, float], label: str) -> bool:
        if not self.policy.require_evidence:
            return True
        wanted = EVIDENCE.get(label)
        if wanted is None:
            return True
        return any(
            f"{scope}:{name}" in signals for scope in ("said", "sentence") for name in wanted
        )

    def decide(self, signals: dict[str, float]) -> Decision | None:
        if self.combiner is None:
            return None
        p = self.policy
        boost = {"denial": p.alert_boost, "warning": p.alert_boost}
        floor = p.none_floor if p.drop_none else float("inf")
        return self.combiner.decide(signals, boost=boost, none_floor=floor)

    def judge(self, claims: Iterable[Claim]) -> list[Judged]:
        """Each rule-built candidate (one article's) with the combiner's decision and what
        becomes of it."""
        claims = list(claims)
        out = []
        for claim, sentence in zip(claims, own_sentences(claims), strict=True):
            signals = features(claim, self.classes, sentence)  # once: decision and evidence
            decision = self.decide(signals)
            if (
                decision is not None
                and self.policy.promote_only
                and (claim.type != ClaimType.ASSERTION or rule_strength(claim.confidence) == "cue")
            ):
                out.append(Judged(claim, claim, decision))
            elif decision is None:
                out.append(Judged(claim, claim, None))
            elif decision.label == NONE:
                out.append(Judged(claim, None, decision))
            elif decision.label != claim.type.value and not self._evidenced(
                signals, decision.label
            ):
                out.append(Judged(claim, claim, decision))
            elif decision.label != claim.type.value:
                typed = claim.model_copy(update={"type": ClaimType(decision.label)})
                out.append(Judged(claim, typed, decision))
            else:
                out.append(Judged(claim, claim, decision))
        # a retyping may give a sentence's speaker a type they already have there: one act
        return drop_repeats(out)

    def retype(self, claims: Iterable[Claim]) -> list[Claim]:
        return [j.result for j in self.judge(claims) if j.result is not None]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "meta": self.meta,
            "policy": asdict(self.policy),
            "cues": [asdict(c) for c in self.cues],
            "classes": {k: sorted(v) for k, v in sorted(self.classes.items())},
            "combiner": self.combiner.to_json() if self.combiner else None,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> LearnedModel:
        if raw.get("format") != FORMAT:
            raise ValueError(f"model format {raw.get('format')!r}, expected {FORMAT}")
        cues = tuple(
            InducedCue(
                lemma=c["lemma"],
                type=c["type"],
                forms=tuple(c["forms"]),
                support=int(c["support"]),
                precision=float(c["precision"]),
                folds=tuple(c["folds"]),
            )
            for c in raw["cues"]
        )
        combiner = Combiner.from_json(raw["combiner"]) if raw.get("combiner") else None
        classes = {k: frozenset(v) for k, v in raw["classes"].items()}
        policy = Policy(**raw.get("policy", {}))
        return cls(cues, classes, combiner, policy, raw.get("meta", {}))

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=1, ensure_ascii=False) + "\n", "utf-8")


def packaged_path() -> Path:
    return Path(str(resources.files(__package__).joinpath(MODEL_FILE)))


@cache
def load_model() -> LearnedModel | None:
    """The model shipped in the package, or None when none has been trained."""
    source = resources.files(__package__).joinpath(MODEL_FILE)
    if not source.is_file():
        return None
    return LearnedModel.from_json(json.loads(source.read_text("utf-8")))

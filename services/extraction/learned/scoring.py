"""Scoring extracted claims against gold, as the annotation guidelines define a match.

A prediction matches a gold claim when it is the same sentence (one contains the other, or
most of their words are shared), the speaker agrees (same canonical actor, or the speaker
names share a name word) and, for typed figures, the type is the same; each gold claim is
matched at most once. The headline is F1 over denials and warnings together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

ALERT = ("denial", "warning")
TYPES = ("denial", "warning", "accusation", "assertion")
# Words that say what a speaker is rather than who: sharing one makes no two speakers agree.
_ROLE_WORDS = frozenset(
    str.split(
        "a an the of and for to in on at by from with its his her their us u.s. uk eu un"
        " official officials spokesman spokeswoman spokesperson minister ministry foreign"
        " president prime secretary senior adviser advisor national security director chief"
        " head government state department office house white press agency agencies news"
        " source sources report reports mr mrs ms dr general gen sen rep"
    )
)
_WORD = re.compile(r"[\w'.-]+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


class Scored(Protocol):
    @property
    def type(self) -> str: ...
    @property
    def sentence(self) -> str: ...
    @property
    def speaker(self) -> str: ...
    @property
    def actor(self) -> str: ...


def normal(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split()).lower()


def same_sentence(a: str, b: str) -> bool:
    x, y = normal(a), normal(b)
    if not x or not y:
        return False
    if x in y or y in x:
        return True
    wx, wy = set(_WORD.findall(x)), set(_WORD.findall(y))
    return len(wx & wy) >= 0.6 * max(1, len(wx | wy))


def _name_words(speaker: str) -> set[str]:
    return {w.strip(".'") for w in _WORD.findall(speaker.lower())} - _ROLE_WORDS - {""}


def same_speaker(pred: Scored, gold: Scored, canonical: Callable[[str], str]) -> bool:
    a, b = canonical(pred.actor), canonical(gold.actor)
    if a and a == b:
        return True
    return bool(_name_words(pred.speaker) & _name_words(gold.speaker))


def match(
    gold: Sequence[Scored],
    pred: Sequence[Scored],
    canonical: Callable[[str], str],
    *,
    typed: bool = True,
) -> list[tuple[int, int]]:
    """Pairs (gold index, prediction index), greedily in gold order."""
    pairs, used = [], set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi in used or (typed and p.type != g.type):
                continue
            if same_sentence(p.sentence, g.sentence) and same_speaker(p, g, canonical):
                pairs.append((gi, pi))
                used.add(pi)
                break
    return pairs


@dataclass
class Tally:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: Tally) -> None:
        self.tp, self.pred, self.gold = (
            self.tp + other.tp,
            self.pred + other.pred,
            self.gold + other.gold,
        )

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Tallies by group: "alert", each type, and "attribution" (type ignored)."""

    tallies: dict[str, Tally]

    def __getitem__(self, group: str) -> Tally:
        return self.tallies[group]

    def add(self, other: Report) -> None:
        for name, t in other.tallies.items():
            self.tallies.setdefault(name, Tally()).add(t)


def score_article(
    gold: Sequence[Scored], pred: Sequence[Scored], canonical: Callable[[str], str]
) -> Report:
    tallies: dict[str, Tally] = {}
    groups: Iterable[tuple[str, tuple[str, ...]]] = [("alert", ALERT), *((t, (t,)) for t in TYPES)]
    for name, types in groups:
        g = [c for c in gold if c.type in types]
        p = [c for c in pred if c.type in types]
        tallies[name] = Tally(len(match(g, p, canonical)), len(p), len(g))
    found = len(match(gold, pred, canonical, typed=False))
    tallies["attribution"] = Tally(found, len(pred), len(gold))
    return Report(tallies)

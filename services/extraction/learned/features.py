"""What the type combiner sees of a candidate claim: the rules' verdict and lexical signals.

Signals are named features (value 1 unless said): the rule engine's type and how directly it
knew it, the cue, whether the sentence is a headline or a quote, and which word classes occur
in what is said and in the whole sentence (falsity, harm, punishment, futurity, negation ...),
with the conjunctions that make a warning ("will" + "punishment"). The word classes start from
short seed lists written here, widened offline with WordNet (`word_classes`), so "balderdash"
joins "nonsense" without anyone listing it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources

from schemas.claims import Claim

# Seed words per class, in our own words; build_wordclasses.py widens them with WordNet.
SEEDS: dict[str, str] = {
    "falsity": "false untrue lie lies fake nonsense rubbish baseless fabricated inaccurate"
    " incorrect misleading wrong bogus absurd ridiculous groundless unfounded smear hoax"
    " propaganda joke disinformation misinformation",
    "denying": "deny denies denied refute refuted reject rejected dismiss dismissed dispute",
    "innocence": "innocent innocence wrongdoing guilty",
    "harm": "danger dangerous harm harmful threat risk risks catastrophe catastrophic disaster"
    " damage deadly crisis unsafe hazard devastating severe fatal death injury destruction chaos",
    "punishment": "punish punishment retaliate retaliation sanctions consequences revenge"
    " retribution penalty penalties tariffs prosecute jail prison",
    "resolve": "resolutely firmly decisive measures hesitate tolerate allow",
    "advice": "urge advise avoid precaution precautions careful evacuate shelter prepare beware"
    " caution",
    "blame": "accuse blame fault responsible crime crimes fraud corruption illegal violated",
}


def _closed(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Closed classes: never widened (a WordNet neighbour of "will" is no modal).
CLOSED: dict[str, frozenset[str]] = {
    "future": _closed("will would could might may 'll shall going"),
    "condition": _closed("if unless until otherwise either"),
    "negation": _closed("not never no nothing none nobody neither nor n't without"),
    "addressee": _closed("you your yourself yourselves"),
    "obligation": _closed("must should"),
}
# Idioms no single word gives away, written here; matched as phrases in what is said.
IDIOMS: dict[str, re.Pattern[str]] = {
    "threat_idiom": re.compile(
        r"\b(?:sit idly by|stand idly by|play(?:s|ing)? with fire|pay (?:a|the) (?:heavy |high )?"
        r"price|not hesitate|on notice|red line|cross(?:es|ed)? the line|all options|"
        r"will not (?:stand|tolerate|allow|accept)|won't (?:stand|tolerate|allow|accept)|"
        r"face the consequences|think twice|at (?:its|their|your) own peril)\b"
    ),
    "denial_idiom": re.compile(
        r"\b(?:not guilty|(?:his|her|their|its) innocence|no such|never heard of|no truth|"
        r"no basis|fake news|(?:a|total|complete) (?:joke|fabrication|lie)|nothing to do with|"
        r"had no (?:knowledge|involvement|role)|did nothing wrong|no wrongdoing)\b"
    ),
}
_THREATS = ("harm", "punishment", "resolve", "threat_idiom")
_TOKEN = re.compile(r"[a-z][a-z'-]*|n't")

WordClasses = Mapping[str, frozenset[str]]


def seed_classes() -> dict[str, frozenset[str]]:
    return {name: frozenset(words.split()) for name, words in SEEDS.items()}


@cache
def word_classes() -> dict[str, frozenset[str]]:
    """The seeds widened with WordNet (data/wordclasses.json, see build_wordclasses.py)."""
    source = resources.files(__package__).joinpath("data/wordclasses.json")
    widened = json.loads(source.read_text("utf-8"))["classes"]
    seeds = seed_classes()
    return {name: seeds[name] | frozenset(widened.get(name, ())) for name in seeds}


# a contraction is one word to the tokenizer: "won't" is a future and a negation
_CONTRACTED = {"won't": "will", "wouldn't": "would", "couldn't": "could", "shouldn't": "should"}


def _words(text: str) -> set[str]:
    """The words of a text, with the negation and future inside contractions ("don't",
    "won't", "we'll") as words of their own, so the closed classes see them."""
    words = set(_TOKEN.findall(text.lower().replace("’", "'")))
    for w in list(words):
        if w.endswith("n't"):
            words.add("n't")
        if w.endswith("'ll"):
            words.add("'ll")
        if w in _CONTRACTED:
            words.add(_CONTRACTED[w])
    return words


def _classes_in(text: str, classes: WordClasses) -> set[str]:
    words = _words(text)
    found = {name for name, members in classes.items() if words & members}
    found |= {name for name, members in CLOSED.items() if words & members}
    lowered = text.lower().replace("’", "'")
    found |= {name for name, pattern in IDIOMS.items() if pattern.search(lowered)}
    return found


def rule_strength(confidence: float) -> str:
    """The rule engine's confidence says how it typed: by the cue, by content, or a bare quote."""
    return "cue" if confidence >= 0.85 else "content" if confidence >= 0.7 else "quote"


def own_sentences(claims: Sequence[Claim]) -> list[str]:
    """Each claim's sentence without what another speaker says after it: in "Acme says X, Beta
    says it did nothing wrong" Beta's denial is no signal of the type of Acme's claim, while
    the claim Beta answers stays a signal of Beta's."""
    out = []
    for claim in claims:
        text = claim.sentence
        mine = text.find(claim.content) if claim.content else -1
        for other in claims:
            if (
                other.sentence == claim.sentence
                and other.speaker != claim.speaker
                and other.content
                and other.content not in claim.content
                and text.find(other.content) > mine >= 0
            ):
                text = text.replace(other.content, " ")
        out.append(text)
    return out


def features(claim: Claim, classes: WordClasses, sentence: str | None = None) -> dict[str, float]:
    """`sentence` is the claim's own part of its sentence (`own_sentences`), if not all of it."""
    f: dict[str, float] = {
        f"rule={claim.type.value}": 1.0,
        f"rule_by={rule_strength(claim.confidence)}": 1.0,
        f"cue={claim.cue.lower()}": 1.0,
    }
    if claim.quote is not None:
        f["quoted"] = 1.0
    if claim.span.field == "title":
        f["headline"] = 1.0
    if claim.speaker != claim.actor:
        f["speaks_for_other"] = 1.0
    own = claim.sentence if sentence is None else sentence
    for scope, text in (("said", claim.content), ("sentence", own)):
        found = _classes_in(text, classes)
        for name in found:
            f[f"{scope}:{name}"] = 1.0
        for threat in _THREATS:
            for mood in ("future", "condition"):
                if threat in found and mood in found:
                    f[f"{scope}:{threat}+{mood}"] = 1.0
        if "negation" in found and "falsity" not in found:
            f[f"{scope}:negation_only"] = 1.0
        if "headline" in f and "negation" in found:
            f[f"{scope}:negation+headline"] = 1.0
    return f

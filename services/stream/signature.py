"""What a speech act is about, as a set of normalised terms: the matter two reports must share."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

_WORD = re.compile(r"[A-Za-z][A-Za-z_'.\-]*[A-Za-z]|[A-Za-z]")
# Possessives and contractions carry no matter: "Iran's" is "Iran", "don't" is "do".
_CLITIC = re.compile(r"('s|'re|'ve|'ll|'d|n't|')$")
# Inflections first, then one derivational suffix: a light Porter-like stripper, enough to
# make "denies", "denied" and "deny" or "cooperation" and "co-operating" meet.
_INFLECTIONS = ("ies", "ied", "sses", "ings", "ing", "edly", "ed", "ly", "es", "s")
_DERIVATIONS = (
    "ization",
    "isation",
    "ational",
    "ations",
    "ation",
    "ators",
    "ator",
    "ative",
    "ments",
    "ment",
    "ness",
    "ity",
    "ance",
    "ence",
    "ions",
    "ion",
    "ive",
    "ate",
    "ual",
    "al",
    "e",
)
_KEEP_S = ("ss", "us", "is")
_MIN_STEM = 3


class Lexicon:
    """The word lists of `data/lexicon.json`, indexed for folding words to terms."""

    def __init__(self, data: dict[str, object]) -> None:
        self.stopwords = frozenset(_strings(data["stopwords"]))
        self.irregular: dict[str, str] = dict(_pairs(data["irregular"]))
        self.demonyms: dict[str, str] = dict(_pairs(data["demonyms"]))
        self.actor_tokens = frozenset(self.demonyms.values())
        names = dict(_pairs(data["multiword"]))
        self.multiword = re.compile(
            r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b",
            re.IGNORECASE,
        )
        self.multiword_names = names
        self.synonyms: dict[str, str] = {}
        groups = data["synonyms"]
        assert isinstance(groups, list)
        for group in groups:
            words = _strings(group)
            head = stem(words[0])
            for word in words:
                self.synonyms.setdefault(word, head)
                self.synonyms.setdefault(stem(word), head)
        self.generic = frozenset(self.fold_word(w) for w in _strings(data["generic"])) - {""}

    def fold_word(self, word: str) -> str:
        """One word as a term: demonym -> actor token, irregular -> base, stem, synonym head."""
        if word.strip(".") in ("US", "U.S", "USA"):
            return self.demonyms["usa"]  # upper-case "US" is the country, "us" a pronoun
        w = _CLITIC.sub("", word.lower().strip(".'-"))
        if not w or w in self.stopwords:
            return ""
        if "_" in w or w in self.actor_tokens:
            return w  # already an actor token
        if w in self.demonyms:
            return self.demonyms[w]
        if w in self.synonyms:
            return self.synonyms[w]
        w = self.irregular.get(w, w)
        s = stem(w)
        return self.synonyms.get(s, s)


# Alias kinds that stand for the actor in a claim's words: "Kremlin", "Muscovite" are Russia.
_FOLDED = frozenset({"demonyms", "metonyms"})


@cache
def lexicon() -> Lexicon:
    text = resources.files("services.stream").joinpath("data/lexicon.json").read_text("utf-8")
    data = json.loads(text)
    # The actors' one-word demonyms and metonyms fold to the actor's token, as extraction
    # resolves them ("Kremlin", "Muscovite" -> russia); lexicon.json's own entries win.
    # Multi-word names stay in lexicon.json: a regex over a thousand names costs 4x per claim.
    data["demonyms"] = {**actor_words(), **data["demonyms"]}
    return Lexicon(data)


def actor_words() -> dict[str, str]:
    """One-word demonyms and metonyms of the actors knowledge base -> the actor's token."""
    from services.actors import knowledge_base, loose_key

    words: dict[str, str] = {}
    for actor in knowledge_base().actors.values():
        token = loose_key(actor.name).replace(" ", "_")
        for alias in actor.aliases:
            # a form that is also a common word ("turkey") or names several actors is left out
            if alias.case_sensitive or alias.ambiguous or alias.category not in _FOLDED:
                continue
            if " " not in alias.text:
                words.setdefault(alias.text.lower(), token)
    return words


def stem(word: str) -> str:
    """A light suffix stripper: both sides of a comparison fold alike, so a rough stem is enough."""
    w = word.replace("-", "")
    stripped = ""
    for suffix in _INFLECTIONS:
        if w.endswith(suffix) and len(w) - len(suffix) >= _MIN_STEM:
            if suffix == "s" and w.endswith(_KEEP_S):
                break
            w, stripped = w[: -len(suffix)], suffix
            if suffix in ("ies", "ied"):
                w += "y"
            elif suffix == "sses":
                w += "ss"
            break
    if stripped in ("ed", "ing", "ings", "edly"):
        if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]  # "stopped" -> "stop"
        elif w.endswith(("at", "bl", "iz")):
            w += "e"  # "operating" -> "operate", then the derivation below
    for suffix in _DERIVATIONS:
        if w.endswith(suffix) and len(w) - len(suffix) >= _MIN_STEM:
            return w[: -len(suffix)]
    return w


def terms(text: str, *, drop: Iterable[str] = ()) -> frozenset[str]:
    """The content terms of `text`, without stopwords, reporting words and the `drop` names."""
    lex = lexicon()
    dropped = {t for name in drop for t in _fold_all(lex, name)}
    return frozenset(
        t for t in _fold_all(lex, text) if len(t) > 1 and t not in lex.generic and t not in dropped
    )


def _fold_all(lex: Lexicon, text: str) -> list[str]:
    text = lex.multiword.sub(lambda m: lex.multiword_names[m.group(1).lower()], text)
    return [t for t in (lex.fold_word(w) for w in _WORD.findall(text)) if t]


def person_terms(speaker: str, actor: str) -> frozenset[str]:
    """The names a speaker has of their own, beside the actor they speak for: "Abbas Mousavi"
    for Iran gives {abba, mousavi}; "Kremlin", "Chinese spokesman" or "Maxwell's lawyer" give
    nothing (only capitalised words count, so role nouns never make two people differ)."""
    # A demonym of the actor is no name ("Norwegian Foreign Ministry" for Norway), lexicon or
    # not, and neither is an acronym ("CDC" for the Centers for Disease Control).
    stems = {w[:4].lower() for w in _WORD.findall(actor) if len(w) >= 4}
    capitalised = " ".join(
        w
        for w in _WORD.findall(speaker)
        if w[0].isupper() and not w.isupper() and w[:4].lower() not in stems
    )
    return terms(capitalised, drop=(actor,))


@cache
def speaker_key(speaker: str) -> str:
    """A speaker folded for "same speaker": a name the actors knowledge base knows as an
    actor's ("WHO", "Kremlin", "Tehran") is that actor, however an outlet writes it."""
    from services.actors.lookup import resolve_alias

    return name_key(resolve_alias(speaker) or speaker)


def name_key(name: str | None) -> str:
    """A speaker or actor name folded for equality: case, titles and punctuation removed."""
    if not name:
        return ""
    return " ".join(_fold_all(lexicon(), name))


def _strings(value: object) -> list[str]:
    assert isinstance(value, list)
    return [str(v) for v in value]


def _pairs(value: object) -> Iterable[tuple[str, str]]:
    assert isinstance(value, dict)
    return ((str(k), str(v)) for k, v in value.items() if not str(k).startswith("_"))

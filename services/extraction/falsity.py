"""Calling a claim false: denial words and phrases, and where they deny nothing."""

from __future__ import annotations

from spacy.tokens import Token

from services.extraction.lexicon import Lexicon

# Strong words call a claim false on their own; weak ones only next to an allegation noun
# ("false allegations" is a denial, "under false pretences" is not).
_STRONG_DENIAL = frozenset(
    {
        "disinformation",
        "misinformation",
        "fake",
        "baseless",
        "groundless",
        "unfounded",
        "untrue",
        "not true",
        "fabricated",
        "fabrication",
        "fabrications",
        "nonsense",
        "hoax",
        "no truth",
        "no basis",
        "made up",
        "made-up",
        "erroneous",
        "fictitious",
        "sham",
        "specious",
        "bogus",
        "meritless",
        "frivolous",
        "inaccurate",
        "untenable",
        "concoction",
        "doctored",
    }
)
# "fictitious voter lists", "a sham trial": an adjective that calls a thing (not a claim) false
# charges wrongdoing rather than denying anything, so it is no denial word there
_ATTRIBUTIVE = frozenset(
    {"fake", "false", "fictitious", "fabricated", "bogus", "sham", "made-up", "misleading"}
)


def calls_false(text: str, lex: Lexicon) -> bool:
    text = (
        text.replace("’", "'").replace(" - ", "-").replace(" made up of ", " ")
    )  # "is made up of": composed
    if lex.denial_phrases.search(text.replace(" n't", "n't")):
        return True
    found = {m.group(0).lower() for m in lex.denial_words.finditer(text)}
    if found & _STRONG_DENIAL:
        return True
    if not found:
        return False
    low = text.lower()
    return any(noun in low.split() for noun in lex.allegation_nouns)


def without_attributive(tokens: list[Token], lex: Lexicon) -> str:
    """The content's text without denial adjectives that modify a thing rather than a claim."""
    return " ".join(t.text for t in tokens if _keeps_denial_sense(t, lex))


def _keeps_denial_sense(t: Token, lex: Lexicon) -> bool:
    premise = _premise_of_report(t, lex)
    if premise is not None:
        return premise
    return not (
        t.lower_ in _ATTRIBUTIVE
        and t.dep_ == "amod"
        and t.head.i > t.i
        and t.head.lower_ not in lex.allegation_nouns
        and t.head.lower_ not in lex.documents
        and t.head.lower_ not in ("news", "information", "media")
    )


def _premise_of_report(t: Token, lex: Lexicon) -> bool | None:
    """ "the sanctions were based on unfounded claims": a denial word on the premise of
    another side's act (a noun after a preposition) accuses rather than denies (False), unless
    what rests on that premise is a report or allegation ("the report relies on fake data":
    True). None when the word is no denial word on a premise."""
    if not lex.denial_words.fullmatch(t.text):
        return None
    word = t
    while word.dep_ == "conj" and word.head.i != word.i:
        word = word.head  # "distorted and unfounded claims": the second adjective is a conj
    if word.dep_ != "amod":
        return None
    noun = word.head
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ != "pobj" or noun.head.lower_ == "as":
        return None  # "dismissed it as a baseless claim" stays a denial
    governor = noun.head.head
    if governor.dep_ in ("acomp", "oprd") and governor.head.i != governor.i:
        governor = governor.head  # "the article was full of false claims": the verb's subject
    if not governor.tag_.startswith("VB"):
        return None  # "the victim of false allegations": a description, not a premise acted on
    if governor.dep_ in ("acl", "relcl"):
        subjects = [governor.head]  # "a policy based on false claims": the noun rests on it
    else:
        subjects = [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(s.lower_ in lex.allegation_nouns or s.lower_ in lex.documents for s in subjects)

"""Calling a claim false: denial words and phrases, and where they deny nothing."""

from __future__ import annotations

import re

from spacy.tokens import Token

from services.extraction.lexicon import Lexicon
from services.extraction.spoken_text import spoken_text
from services.extraction.wordlist import words

_WORD = re.compile(r"[\w'-]+")
# "the recordings have been manipulated": the evidence against the speaker called doctored
# (not "the votes were manipulated", which accuses)
_TAMPERED = re.compile(
    r"\b(?:audios?|recordings?|videos?|footage|photos?|photographs?|images?|pictures?|tapes?"
    r"|documents?|emails?|e-mails?|messages?|screenshots?|letters?|clips?)\b(?: \S+){0,6}? "
    r"(?:has|have|had|was|were) been (?:\w+ )?(?:manipulated|doctored|edited|altered|falsified"
    r"|fabricated|tampered with|faked|forged|photoshopped)\b",
    re.IGNORECASE,
)
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


# "respond to false allegations", "counter the baseless claims": the claims are answered
_ANSWERING = words(
    "respond responded responding reply replied replying answer answered answering counter"
    " countered countering rebut address addressed addressing"
)


def calls_false(text: str, lex: Lexicon) -> bool:
    text = (
        text.replace("’", "'").replace(" - ", "-").replace(" made up of ", " ")
    )  # "is made up of": composed
    if lex.denial_phrases.search(text.replace(" n't", "n't")) or _TAMPERED.search(text):
        return True
    found = {m.group(0).lower() for m in lex.denial_words.finditer(text)}
    if found & _STRONG_DENIAL:
        return True
    if not found:
        return False
    said = set(_WORD.findall(text.lower()))
    return any(noun in said for noun in lex.allegation_nouns)


def without_attributive(tokens: list[Token], lex: Lexicon) -> str:
    """The content's text without denial adjectives that modify a thing rather than a claim."""
    return spoken_text([t for t in tokens if _keeps_denial_sense(t, lex)])


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
    if governor.lower_ in _ANSWERING:
        return True  # "set up to respond to false allegations": the claims are rebutted
    if governor.dep_ in ("acl", "relcl"):
        subjects = [governor.head]  # "a policy based on false claims": the noun rests on it
    else:
        subjects = [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects and governor.dep_ == "conj":
            # "I remain focused and will not be distracted by ...": the subject is shared
            subjects = [c for c in governor.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(_own(s) for s in subjects):
        return True  # "I will not be distracted by baseless allegations": aimed at the speaker
    return any(s.lower_ in lex.allegation_nouns or s.lower_ in lex.documents for s in subjects)


# Words that call false what they are said of ("the reports are false", "it's a joke", "that
# is total BS"), though not on their own ("a false start", "a joke about the weather").
_PREDICATED = words(
    "false lie lies misleading joke rubbish garbage fiction fantasy propaganda bs bullshit"
    " nonsense untrue incorrect inaccurate"
)
# words that call nothing but a claim false, whatever the parser makes of the subject
_CRUDE = frozenset({"bs", "bullshit", "rubbish", "garbage"})
# what a claim is pointed at by: "it's false", "both are false", "what they write is a joke"
_POINTERS = words("it this that these those which both all everything what")


_BE = words("is are was were be been 's 're am")


def _predicated_word(t: Token) -> bool:
    low = t.lower_
    # "bulls***": the asterisks of a censored word come apart from it
    censored = low == "bulls" and t.i + 1 < len(t.doc) and t.nbor(1).text.startswith("*")
    # "it is total c**p": a word censored in print is a crude verdict
    starred = "*" in low and low[:1].isalpha() and low[-1:].isalpha()
    return low in _PREDICATED or censored or starred


def predicates_false(tokens: list[Token], lex: Lexicon) -> bool:
    """ "Both of these elements are totally false", "it's total BS that ...": a copula says
    that what was claimed is false. The subject must point at something said (a pronoun, a
    claim noun, a clause with a reporting verb): "the punishment is a joke" mocks a deed."""
    for t in tokens:
        if not _predicated_word(t) or t.dep_ not in ("attr", "acomp"):
            continue
        cop = t.head
        if cop.lower_ not in _BE or any(c.dep_ == "neg" for c in cop.children):
            continue
        subjects = [c for c in cop.children if c.dep_ in ("nsubj", "csubj")]
        if not subjects and t.lower_ in _CRUDE | {"bulls"}:
            return True  # "... - is total bulls***": the parser lost the subject; the word tells
        for subj in subjects:
            if subj.lower_ in _POINTERS:
                return True
            words = list(subj.subtree)
            if any(w.lower_ in lex.allegation_nouns or lex.lemma(w.text) for w in words):
                return True
    return False


def _own(subject: Token) -> bool:
    """ "I", "we", "my family and my name": the speaker or what is theirs."""
    words = [subject, *(c for c in subject.children if c.dep_ == "conj")]
    return any(
        w.lower_ in ("i", "we")
        or any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in w.children)
        for w in words
    )


# "the insinuation was insulting": scorn for a claim rejects it (said of a deed, "the attack
# was outrageous", it accuses)
_SCORN = words(
    "insulting outrageous absurd ridiculous preposterous laughable irresponsible offensive"
    " defamatory slanderous malicious shameful"
)


def scorns_claim(tokens: list[Token], lex: Lexicon) -> bool:
    """ "The insinuation that we leaked it was insulting": a claim noun called contemptible."""
    for t in tokens:
        if t.lower_ not in _SCORN or t.dep_ not in ("acomp", "attr"):
            continue
        cop = t.head
        if cop.lower_ not in _BE:
            continue
        if any(
            c.dep_ == "nsubj" and c.lower_ in lex.allegation_nouns and c.lower_ not in _DEEDS
            for c in cop.children
        ):
            return True
    return False


# claim nouns that may name a deed ("the lawsuit was frivolous" still rejects it; "his
# involvement was shameful" accuses)
_DEEDS = frozenset({"involvement", "wrongdoing", "impropriety", "responsibility", "ruling"})


def denies_identity(tokens: list[Token], lex: Lexicon) -> bool:
    """ "The report is not an intelligence report", "this is not a cyberattack": what was
    said or reported is said not to be what it was called (its subject points at it)."""
    for t in tokens:
        if t.lower_ not in _BE or not any(c.dep_ == "neg" for c in t.children):
            continue
        attrs = [c for c in t.children if c.dep_ == "attr" and c.tag_.startswith("NN")]
        if not any(any(d.lower_ in ("a", "an") for d in a.children) for a in attrs):
            continue
        for subj in (c for c in t.children if c.dep_ == "nsubj"):
            low = subj.lower_
            if low in ("this", "that", "it") or low in lex.allegation_nouns or low in lex.documents:
                return True
    return False

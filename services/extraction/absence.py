"""Denial by absence: a deed with no doer ("no one has made any threats"), a thing said
not to exist ("there is no problem between us")."""

from __future__ import annotations

from spacy.tokens import Token

from services.extraction.negation import MODALS, PAST_AUX, STANCE_VERBS
from services.extraction.wordlist import words

# "there is no doubt", "no need", "no choice": no thing denied, a stance taken; "there is no
# indication of a breach": what is known so far, hedged
_STANCE_NOUNS = words(
    "doubt need reason time way alternative choice option question end sign date plan"
    " plans decision timetable competition indication indications suggestion"
)
# "there were no injuries": a toll reported, not an allegation rebutted
_TOLL_NOUNS = words("injuries injury victims casualties deaths dead fatalities damage")


def nothing_there(tokens: list[Token]) -> bool:
    """ "There has not been a single injury", "there is no problem between us": a thing
    said not to exist (not a stance: "there is no doubt", "no need to panic")."""
    for t in tokens:
        if t.lower_ not in _COPULA and t.lower_ not in ("been", "be"):
            continue
        if not any(c.dep_ == "expl" for c in t.children) or t.dep_ == "advcl":
            continue  # "I'm sure to win because there's no competition": a reason given
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in t.children):
            continue  # "there will be no deal": a stance on what is to come
        negated = any(c.dep_ == "neg" for c in t.children)
        for attr in (c for c in t.children if c.dep_ == "attr" and c.tag_.startswith("NN")):
            no = any(c.dep_ == "det" and c.lower_ in ("no", "any", "a") for c in attr.children)
            if attr.lower_ in _STANCE_NOUNS or attr.lower_ in _TOLL_NOUNS:
                continue
            if (negated and no) or any(c.lower_ == "no" for c in attr.children):
                return True
    return False


_COPULA = frozenset({"is", "are", "was", "were", "'s", "'re", "has", "have", "had"})
# "nothing has changed" reports no deed, and "none was found" an outcome, so "nothing" is
# none of these and "none" counts only as a doer
_NOBODY = frozenset({"nobody", "neither"})
# "no one was hurt": a toll reported, not an allegation rebutted
_TOLL = frozenset({"hurt", "injured", "killed", "harmed", "wounded", "affected", "left"})


def nobody_did(tokens: list[Token]) -> bool:
    """ "No one has made any threats", "neither he nor his aide had contact": a past deed
    said to have had no doer (but "no one was hurt" reports a toll)."""
    for t in tokens:
        if not t.tag_.startswith("VB") or t.lower_ in _TOLL:
            continue
        aux = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
        if aux & MODALS:
            continue
        if _none_does(t):
            return True
        if not (t.tag_ == "VBD" or (t.tag_ == "VBN" and aux & PAST_AUX)):
            continue
        for subj in (c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")):
            dets = {c.lower_ for c in subj.children if c.dep_ in ("det", "preconj")}
            if subj.dep_ == "nsubj" and subj.lower_ == "none":
                return True
            if subj.lower_ in _NOBODY or dets & {"no", "neither"}:
                return True
            if subj.lower_ == "one" and dets & {"no"}:
                return True
    return False


def _none_does(verb: Token) -> bool:
    """ "None of our plants discharge into the river": a practice said to have no doer among
    the speaker's own (not a stance: "none of us knows what comes next")."""
    if verb.tag_ not in ("VBP", "VBZ"):
        return False
    low = verb.lower_
    if {low, low[:-1], low[:-2]} & STANCE_VERBS:  # "knows", "wishes": the stem is a stance
        return False
    return any(c.dep_ == "nsubj" and c.lower_ == "none" for c in verb.children)

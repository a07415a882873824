"""Advice as warning: telling the public to avoid, stop or leave something ("urged residents
to evacuate", "people should not drink the water", "Don't stay")."""

from __future__ import annotations

from spacy.tokens import Token

from services.extraction.lexicon import Lexicon
from services.extraction.wordlist import words


def advises_against(verb: Token, lex: Lexicon) -> bool:
    """ "urged people to stop vaping", "advised residents to leave": an advisory is a warning."""
    if _to_addressees(verb, lex) or _gerund_advice(verb):
        return True
    for c in verb.children:
        if c.dep_ in ("xcomp", "ccomp", "dobj"):
            sub = list(c.subtree)
            if c.lower_ == "return" and not _public_object(verb, lex):
                continue  # "urged Ruritania to return to talks": no recall, a demand on a state
            if c.lower_ in lex.advisory_verbs or any(t.dep_ == "neg" for t in c.children):
                return True
            if lex.warning_patterns.search(" ".join(t.text for t in sub)):
                return True
    # "urged residents in the path of the storm to stay off the roads": the infinitive may
    # hang off the object's modifiers, but it is still what the advice says to do
    return any(
        t.lower_ in lex.advisory_verbs and t.tag_ == "VB" and t.i > 0 and t.nbor(-1).lower_ == "to"
        for t in verb.subtree
        if t.i > verb.i and (t.lower_ != "return" or _public_object(verb, lex))
    )


def _public_object(verb: Token, lex: Lexicon) -> bool:
    return any(c.dep_ in ("dobj", "dative") and c.lower_ in lex.addressees for c in verb.children)


# what the public is invited or appealed to, not warned into: "urged residents to attend
# the festival", "urge anyone with information to contact the police"
_INVITED = words(
    "attend visit enjoy join celebrate vote come watch participate apply register subscribe"
    " support buy shop donate welcome report contact call provide share help assist"
)


def _gerund_advice(verb: Token) -> bool:
    """ "advises keeping the heater out of reach", "urges wearing a mask": advice with no one
    named is advice to whoever reads it."""
    return any(
        c.dep_ in ("xcomp", "ccomp", "dobj") and c.tag_ == "VBG" and c.lower_[:-3] not in _INVITED
        for c in verb.children
    )


def _to_addressees(verb: Token, lex: Lexicon) -> bool:
    """ "urged its users to change their passwords", "asks customers to post early": what an
    authority urges or asks of the public guards it from a harm or loss, so it is a warning
    (not an invitation: "urged residents to attend the festival")."""
    if not _public_object(verb, lex):
        return False
    asked = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VB"]
    asked += [g for c in asked for g in c.children if g.dep_ == "conj" and g.tag_ == "VB"]
    return any(c.lower_ not in _INVITED and not _calming(c) for c in asked)


# "urged residents to remain calm": a reassurance, no warning ("stay vigilant" still warns)
_CALM = words("calm patient composed relaxed")


def _calming(verb: Token) -> bool:
    return any(c.dep_ in ("acomp", "advmod", "oprd") and c.lower_ in _CALM for c in verb.children)


def tells_public(verb: Token, lex: Lexicon) -> bool:
    """ "told residents to stay indoors": telling the public to avoid a danger is advice."""
    return any(
        c.dep_ in ("dobj", "dative") and c.lower_ in lex.addressees for c in verb.children
    ) and advises_against(verb, lex)


def negative_imperative(tokens: list[Token]) -> bool:
    """ "Don't bet your life on it": a prohibition addressed to the reader (not a second
    clause that shares its subject: "the claims are false and do not represent ...")."""
    kept = [t for t in tokens if t.is_alpha or t.lower_ == "n't"]
    if kept[:1] and kept[0].lower_ == "please":
        kept = kept[1:]  # "Please don't take this risk"
    if [t.lower_ for t in kept[:2]] not in (["do", "n't"], ["do", "not"], ["never", "ever"]):
        return False
    verb = kept[0].head
    return verb.dep_ != "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def advises_public(tokens: list[Token], lex: Lexicon) -> bool:
    """ "People should stop ...", "residents must not ...": advice to guard against harm."""
    for t in tokens:
        if not t.tag_.startswith("VB"):
            continue
        if t.lower_ in _ASKING and _asks_public_to_avoid(t, lex):
            return True
        modal = {c.lower_ for c in t.children if c.dep_ == "aux"} & {
            "should",
            "must",
            "need",
            "ought",
        }
        subj = [c for c in t.children if c.dep_ == "nsubj"]
        if not modal or not subj or subj[0].lower_ not in lex.addressees:
            continue
        negated = any(c.dep_ == "neg" for c in t.subtree)
        if negated and (t.lower_ in _REASSURED or any(c.lower_ in _AFRAID for c in t.children)):
            continue  # "people should not panic": a reassurance, no warning
        if (
            negated
            or t.lower_ in lex.advisory_verbs
            or any(c.lower_ in lex.advisory_verbs for c in t.children if c.dep_ == "xcomp")
        ):
            return True
    return False


# "should not panic", "need not worry": told not to fear, the public is reassured
_REASSURED = words("panic worry fear fret")
_AFRAID = words("alarmed worried concerned afraid scared frightened")
_ASKING = words("ask asks asked asking urge urges urged urging encourage encourages encouraged")


def _asks_public_to_avoid(verb: Token, lex: Lexicon) -> bool:
    """ "We are asking you to leave the area": a request to the public to keep from harm."""
    return _to_addressees(verb, lex)

"""Denial by correction: "rebels, not the army, shelled the village", "it was a drill, not
an invasion": the speaker puts one thing in place of what was said, in the past."""

from __future__ import annotations

from spacy.tokens import Token

from services.extraction.negation import MODALS, PAST_AUX
from services.extraction.wordlist import words

# "not all members agreed", "not only ... but", "not least": no rival account offered
_NOT_A_RIVAL = words(
    "all only just merely even least yet necessarily exactly quite much always enough every"
    " everyone everybody many one until"
)


def _clause_verb(t: Token) -> Token | None:
    while t.head.i != t.i:
        t = t.head
        if t.tag_.startswith("VB"):
            return t
    return None


def _past(verb: Token) -> bool:
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & MODALS:
        return False
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and bool(aux & PAST_AUX))


def corrects(tokens: list[Token]) -> bool:
    """A "not" on a noun or a preposition (a rival account set against the one given) in a
    clause about the past: "we want peace, not war" takes a stance, it corrects no report."""
    for t in tokens:
        if t.lower_ != "not" or t.dep_ != "neg":
            continue
        if not (t.head.tag_.startswith("NN") or t.head.tag_ == "IN"):
            continue
        after = t.nbor(1) if t.i + 1 < len(t.doc) else None
        if after is None or after.lower_ in _NOT_A_RIVAL or after.is_punct:
            continue
        if t.i > 0 and t.nbor(-1).lower_ in ("if", "or", "whether", "but"):
            continue  # "safe for washing but not for drinking": a limit, no rival account
        verb = _clause_verb(t)
        if verb is not None and _past(verb):
            return True
    return False

"""Self-exoneration: a speaker saying they are innocent, or not the wrongdoer alleged."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from services.extraction.wordlist import words

# "I am not a cheat", "we are not liars": a wrongdoer's name refused for oneself
_WRONGDOER = words(
    "cheat cheats cheater cheaters liar liars thief thieves criminal criminals fraud frauds"
    " fraudster guilty racist racists abuser spy spies traitor traitors murderer doper"
    " corrupt culpable crook crooks"
)
# "I am innocent", "will establish that I am clean": innocence claimed for oneself
_THIRD = frozenset({"he", "she", "they"})
_QUOTES = frozenset({'"', "“", "”", "``", "''"})
_COPULA = frozenset({"am", "is", "are", "was", "were", "be", "been", "'m", "'re", "'s"})
_INNOCENT = frozenset({"innocent", "clean", "blameless", "guiltless", "exonerated"})


def clears_self(tokens: list[Token], is_self: Callable[[Token], bool]) -> bool:
    """Whether a copula says the speaker's own side (as `is_self` judges a subject) is
    innocent or no wrongdoer."""
    for t in tokens:
        if t.lower_ not in _COPULA:
            continue
        subj = [c for c in t.children if c.dep_ == "nsubj"]
        if not subj or not (is_self(subj[0]) or _client(subj[0])):
            continue
        if subj[0].lower_ in _THIRD and _inside_quote(subj[0]):
            continue  # "'He is not a liar,' Reed said": inside a quote "he" is someone else
        negated = any(c.dep_ == "neg" for c in t.children)
        for pred in t.children:
            if pred.dep_ not in ("attr", "acomp"):
                continue
            word = pred.lower_
            if negated and word in _WRONGDOER:
                return True
            if not negated and word in _INNOCENT:
                return True
    return False


def _inside_quote(tok: Token) -> bool:
    """An odd number of quotation marks before it in its sentence."""
    return sum(t.text in _QUOTES for t in tok.sent if t.i < tok.i) % 2 == 1


def _client(subject: Token) -> bool:
    """ "My client is innocent": a lawyer clears the one they speak for."""
    return subject.lower_ in ("client", "clients") and any(
        c.dep_ == "poss" and c.lower_ in ("my", "our") for c in subject.children
    )

"""Abbreviations spelled out by the article itself: "the Water Authority (NRWA)", or a name
elsewhere in the text whose initials they are ("the Ministry of Coastal Affairs" ... "the MCA").

An abbreviated speaker the knowledge base does not know speaks as the body the article names,
so that "the MCA said" and "the Ministry of Coastal Affairs said" are one actor.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from spacy.tokens import Token

_ABBREVIATION = re.compile(r"[A-Z][A-Z&]{1,7}")
_BRACKETED = re.compile(r"\(([A-Z][A-Z&]{1,7})\)")
# words, "&", and the punctuation that ends a name (a name never runs across it)
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|&|[^\w\s]")
# small words inside a name that its initials leave out ("Ministry of Coastal Affairs")
_INSIDE = frozenset({"of", "and", "for", "the", "on", "de", "du", "des", "la", "del"})
_MAX_WORDS = 10
_BEFORE_BRACKET = 160  # characters before "(NRWA)" in which its name is looked for


def is_abbreviation(word: str) -> bool:
    return _ABBREVIATION.fullmatch(word) is not None and sum(c.isalpha() for c in word) >= 2


@lru_cache(maxsize=8)  # asked per speaker and per actor of one article: read the text once
def acronyms(text: str) -> Mapping[str, str]:
    """Abbreviation -> name, for each "Name Of Body (NOB)" whose initials fit."""
    found: dict[str, str] = {}
    for m in _BRACKETED.finditer(text):
        words = _TOKEN.findall(text[max(0, m.start() - _BEFORE_BRACKET) : m.start()])
        for n in range(2, min(_MAX_WORDS, len(words)) + 1):
            name = _name(words[-n:], m.group(1))
            if name is not None:
                found.setdefault(m.group(1), name)
                break
    return found


def expand(abbreviation: str, text: str) -> str | None:
    """The name an abbreviation stands for in this text: its bracketed definition, else the
    first capitalised name whose initials it is; None when the text has neither."""
    defined = acronyms(text).get(abbreviation)
    if defined is not None:
        return defined
    words = _TOKEN.findall(text)
    for i, word in enumerate(words):
        if not word[:1].isupper() or word == abbreviation:
            continue
        for n in range(2, _MAX_WORDS + 1):
            name = _name(words[i : i + n], abbreviation)
            if name is not None:
                return name
    return None


def _name(words: list[str], abbreviation: str) -> str | None:
    """The words as a name when their initials spell the abbreviation, else None."""
    if not words or not words[0][:1].isupper() or not words[-1][:1].isupper():
        return None
    initials = ""
    for w in words:
        if w == "&":
            initials += "&"
        elif w[:1].isupper() and _letters(w) and not w.isupper():
            initials += w[0]
        elif w.lower() not in _INSIDE and w != ",":
            # punctuation, an abbreviation or a lower-case word: no name; a comma may list
            # a name's parts ("Atmospheric, Geophysical and Astronomical Services")
            return None
    if initials != abbreviation:
        return None
    return " ".join(words).replace(" ,", ",")


def _letters(word: str) -> bool:
    return word.replace("-", "").replace("'", "").replace("’", "").isalpha()


def bracketed_name(head: Token, text: str) -> tuple[str, str] | None:
    """ "The Ruritanian Weather and Climate Service (RWCS) warned": the speaker is the whole
    name the bracketed abbreviation spells (the parser may take its last words alone), as
    (name, abbreviation)."""
    doc = head.doc
    at = head.i + 1
    if at + 2 >= len(doc) or doc[at].text != "(" or doc[at + 2].text != ")":
        return None
    abbreviation = doc[at + 1].text
    if not is_abbreviation(abbreviation):
        return None
    name = acronyms(text).get(abbreviation)
    if name is None or name.split()[-1] != head.text:
        return None
    return name, abbreviation

"""On what occasion a sentence says its act was made: a plea, a statement, words to someone (pure).

One person's denials of one matter can be several acts: a plea of not guilty in court is a
legal act apart from denying the allegations in public, and a written statement is another
occasion than what the person told a named senator or outlet. Reports in one article that name
different occasions are different acts (outlets describe one occasion in their own words, so
only a plea is compared across them); a report that names none can join any.
"""

from __future__ import annotations

import re

_PLEA = re.compile(r"\b(?:plead(?:s|ed|ing)?|pled|plea)\b", re.IGNORECASE)
# "In a statement", "released a statement", "said in a statement on Monday".
_STATEMENT = re.compile(r"\bstatements?\b", re.IGNORECASE)
# "told Sen. Jane Roe", "telling Reuters": words to a named listener, not "told reporters".
_TOLD = re.compile(r"\b(?:told|tells|telling)\s+(?:the\s+)?(?:[A-Z][\w'-]*\.?\s+)*[A-Z][\w'-]+")


def is_plea(sentence: str) -> bool:
    """Whether the sentence reports a plea (of guilty or not guilty), a legal act of its own."""
    return bool(_PLEA.search(sentence))


def occasions(sentence: str) -> frozenset[str]:
    """The occasions the sentence names: "statement", "told" (to a named listener)."""
    found = set()
    if _STATEMENT.search(sentence):
        found.add("statement")
    if _TOLD.search(sentence):
        found.add("told")
    return frozenset(found)


def other_occasion(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """Whether two reports name occasions and none in common."""
    return bool(mine and theirs and not mine & theirs)

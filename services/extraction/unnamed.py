"""The mark of a speaker whom the article ties to no one ("unnamed analysts")."""

from __future__ import annotations

UNNAMED = "unnamed "
# a source is anonymous by choice, as the annotators write it ("anonymous source")
ANONYMOUS = "anonymous "
_SOURCES = frozenset({"source", "sources"})


def unnamed(speaker: str) -> str:
    """The actor of a speaker the article ties to no one: "Analysts" -> "unnamed analysts",
    "a source" -> "anonymous source".

    The mark says plainly that no organisation or person stands behind the claim, instead of
    passing a common noun off as an actor.
    """
    words = speaker.split()
    if words and words[0][1:].islower():
        words[0] = words[0].lower()  # a sentence's capital, not a name's
    if words and words[-1].lower() in _SOURCES:
        return ANONYMOUS + " ".join(words)
    return UNNAMED + " ".join(words)


def names_no_one(actor: str) -> bool:
    return actor.startswith((UNNAMED, ANONYMOUS))

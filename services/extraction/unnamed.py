"""The mark of a speaker whom the article ties to no one ("unnamed analysts")."""

from __future__ import annotations

UNNAMED = "unnamed "


def unnamed(speaker: str) -> str:
    """The actor of a speaker the article ties to no one: "Analysts" -> "unnamed analysts".

    The mark says plainly that no organisation or person stands behind the claim (the
    annotators write "anonymous source"), instead of passing a common noun off as an actor.
    """
    words = speaker.split()
    if words and words[0][1:].islower():
        words[0] = words[0].lower()  # a sentence's capital, not a name's
    return UNNAMED + " ".join(words)


def names_no_one(actor: str) -> bool:
    return actor.startswith(UNNAMED)

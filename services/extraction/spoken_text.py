"""What is said as one string, for the phrase patterns that type it."""

from __future__ import annotations

from spacy.tokens import Token


def spoken_text(tokens: list[Token]) -> str:
    """The tokens as written, without quote marks and with straight apostrophes.

    Joined by their own spacing, not one space each: the parser splits "can't" into "ca" +
    "n't" and "cannot" into "can" + "not", which a pattern written as "can't" or "cannot"
    would no longer find; and scare quotes inside a phrase ('not "privy to" it') drop out.
    Tokens that are not next to each other (a content span with a gap) stay apart.
    """
    parts: list[str] = []
    last = -2
    for t in tokens:
        if parts and t.i != last + 1 and not parts[-1].endswith(" "):
            parts.append(" ")
        last = t.i
        if t.is_quote:
            if parts and not parts[-1].endswith(" ") and t.whitespace_:
                parts.append(" ")  # 'is "fake" and': the space after the mark stays
            continue
        parts.append(t.text_with_ws)
    return " ".join("".join(parts).replace("’", "'").split())

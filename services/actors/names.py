"""How actor names are compared: accents, apostrophes, framing words and case folded away."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Drop accents and unify apostrophes and dashes ("Élysée" -> "Elysee", "’" -> "'")."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")


def strip_frame(text: str) -> str:
    """Remove what surrounds a name but is not part of it: "the", possessive, quotes, spaces."""
    out = " ".join(fold(text).split()).strip("\"'“”,;:()")
    if out.lower().startswith("the "):
        out = out[4:]
    if out.endswith("'s"):
        out = out[:-2]
    elif out.endswith("s'"):
        out = out[:-1]
    return out.strip()


def loose_key(text: str) -> str:
    """Case-, accent-, dot- and punctuation-insensitive key ("the U.S.'s" -> "us")."""
    out = strip_frame(text).lower().replace("&", " and ").replace("+", " plus ")
    out = out.replace(".", "")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", out).split())


def exact_key(text: str) -> str:
    """Key for case-sensitive aliases: framing removed, case and dots kept ("US", "Ill.")."""
    return strip_frame(text)

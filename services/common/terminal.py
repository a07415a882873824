"""Terminal-safe text: what an article or a remote party wrote, made inert before it is printed.

An article is third-party text. Printed raw, its ESC sequences would clear the screen (CSI
`ESC [ 2 J`), retitle the window or plant a link (OSC `ESC ] ... BEL`), recolour what follows,
ring the bell, and a bidi override (U+202E) would make the rest of a line read backwards.
Every CLI and launcher path that prints such text passes it through `safe` first; colour
codes are added only afterwards, by our own code, and only on a terminal.
"""

from __future__ import annotations

import os
import unicodedata
from typing import TextIO

# Bidi embeddings, overrides and isolates, and the marks: they reorder or hide what follows.
_BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
# Line and paragraph separators end a line on some terminals: a fake second line.
_SEPARATORS = {0x2028, 0x2029}


def _escaped(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def _unsafe(char: str) -> bool:
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:  # C0 (ESC, BEL, CR, LF, ...), DEL and C1 (CSI 0x9b)
        return True
    return code in _BIDI or code in _SEPARATORS or unicodedata.category(char) == "Cc"


def safe(text: object) -> str:
    """`text` with every control character, bidi control and line separator shown escaped.

    ESC becomes the four visible characters `\\x1b`, so the rest of a sequence (`[2J`) is
    plain text; nothing is dropped, so what an article tried stays visible to the reader.
    """
    raw = text if isinstance(text, str) else str(text)
    if raw.isprintable():  # the common case; bidi controls and separators are not printable
        return raw
    return "".join(_escaped(c) if _unsafe(c) else c for c in raw)


def colour_wanted(stream: TextIO, *, disabled: bool = False) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    isatty = getattr(stream, "isatty", None)
    tty = bool(isatty()) if callable(isatty) else False
    return tty and not disabled and "NO_COLOR" not in os.environ

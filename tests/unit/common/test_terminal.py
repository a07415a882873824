"""`safe`: control characters, ESC/OSC/CSI sequences and bidi overrides are shown escaped."""

from __future__ import annotations

import io

import pytest

from services.common.terminal import colour_wanted, safe

RAW = ("\x1b", "\x07", "\u202e", "\x9b", "\x00", "\r", "\n", "\u2028", "\u2066", "\x7f")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("clear \x1b[2J now", "clear \\x1b[2J now"),  # CSI: erase the screen
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),  # SGR colour
        ("\x1b]0;pwned\x07title", "\\x1b]0;pwned\\x07title"),  # OSC window title, BEL-ended
        ("\x1b]8;;http://x\x1b\\link", "\\x1b]8;;http://x\\x1b\\link"),  # OSC 8 link, ST-ended
        ("bell\x07", "bell\\x07"),
        ("\x9b2J", "\\x9b2J"),  # the one-byte C1 CSI
        ("abc\u202edcba", "abc\\u202edcba"),  # right-to-left override
        ("\u2066isolate\u2069", "\\u2066isolate\\u2069"),
        ("one\ntwo\rthree", "one\\x0atwo\\x0dthree"),  # a fake second line
        ("line\u2028sep", "line\\u2028sep"),
        ("nul\x00del\x7f", "nul\\x00del\\x7f"),
    ],
)
def test_controls_are_shown_escaped_and_nothing_is_dropped(text: str, shown: str) -> None:
    out = safe(text)
    assert out == shown
    assert not any(c in out for c in RAW)


@pytest.mark.parametrize(
    "text",
    [
        "Dmitry Peskov: “The Kremlin denied it.”",
        "Zhao Lijian 赵立坚 said",
        "Ελληνικά, русский, العربية",
        "emoji 🚀 and tabs? no tabs",
    ],
)
def test_ordinary_text_in_any_script_is_unchanged(text: str) -> None:
    assert safe(text) == text


def test_non_strings_are_made_text_first() -> None:
    assert safe(42) == "42"


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert colour_wanted(Tty()) is True
    assert colour_wanted(io.StringIO()) is False
    assert colour_wanted(Tty(), disabled=True) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert colour_wanted(Tty()) is False

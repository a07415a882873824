"""The fast union of cue patterns matches exactly what the plain alternation matches."""

from __future__ import annotations

import json
import re
from importlib import resources

from services.extraction.regex_union import union

_TEXTS = [
    "The ministry said it will not tolerate any further provocation.",
    "We will impose sanctions if the drills go ahead, the envoy said.",
    "Residents were told, as a precaution, to boil their water.",
    "as a precaution the school closed",
    "They are spreading lies about the club, the coach said.",
    "He said the claims were a joke and that nobody had lied.",
    "The price of bread rose; the company will pay a heavy price, she warned.",
    "a made to pay the price clause",
    "",
    "foobar barfoo xfoo foo-bar",
    "The group's retaliation was swift; others vowed retaliation and retaliatory strikes.",
    "It is a dangerous game, the most dangerous place, more dangerous, and dangerous.",
    "The water is not safe, they said; unsafe, not-safe, is it safe?",
]


def _plain(patterns: list[str], flags: int = 0) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


def _matches(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text)]


def test_same_matches_as_the_plain_alternation() -> None:
    patterns = [
        r"\bwill (?:\w+ ){0,2}(?:sanctions|tolerate)\b",
        r"^\W*as a precaution\b",
        r"\bprecaution\b",
        r"(?<!made to )\bpay (?:a|the) (?:heavy )?price\b",
        r"\bspread(?:s|ing)? lies\b",
        r"\blied\b",
        r"\bjoke",
        r"bar\b",
        r"(?<!'s )\bretaliat(?:ion|ory)\b",
        r"(?<!\bthe most )(?<!\bmore )\bdangerous\b(?! game\b)",
        r"(?<=not )\bsafe\b",
    ]
    fast, plain = union(patterns, re.IGNORECASE), _plain(patterns, re.IGNORECASE)
    for text in _TEXTS:
        assert _matches(fast, text) == _matches(plain, text), text
        assert bool(fast.search(text)) == bool(plain.search(text)), text


def test_order_decides_among_matches_at_one_place() -> None:
    # "foo" and "foobar" both match at 0: the earlier pattern wins, as in the plain alternation
    for patterns in (
        [r"\bfoo", r"\bfoobar"],
        [r"\bfoobar", r"\bfoo"],
        [r"\bfoo", "x", r"\bfoobar"],
    ):
        assert union(patterns).match("foobar").group(0) == _plain(patterns).match("foobar").group(0)


def test_a_boundary_on_one_branch_only_is_not_shared() -> None:
    # "\bfoo|bar": "bar" needs no word boundary, so "xbar" matches; a shared "\b" would lose it
    rx = union([r"\bfoo|bar", r"\bbaz"])
    assert rx.search("xbar") is not None
    assert rx.search("xbaz") is None
    assert union([r"\b(?:foo)|bar"]).search("xbar") is not None
    assert union([r"\b(?:foo|bar)"]).search("xbar") is None  # a branch inside a group is
    # a "|" in a class or escaped is no branch either way: the result is the plain one's
    for pattern in (r"\b[|]x", r"\b\|x", r"\b[]|]x", r"\b[^]|]x", r"\b[(]|x"):
        for text in ("a|x", "|x", " |x", "x", "(x", "ax"):
            assert _matches(union([pattern, "y"]), text) == _matches(_plain([pattern, "y"]), text)


def test_shipped_cue_patterns_match_as_before() -> None:
    raw = json.loads(
        resources.files("services.extraction").joinpath("data/cues.json").read_text("utf-8")
    )
    for key in ("warning_patterns", "accusation_patterns"):
        fast = union(raw[key], re.IGNORECASE)
        plain = _plain(raw[key], re.IGNORECASE)
        for text in _TEXTS:
            assert _matches(fast, text) == _matches(plain, text), (key, text)

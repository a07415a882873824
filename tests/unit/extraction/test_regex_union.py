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
    "We'll sue, they'll impose new sanctions; the higher the risk, the greater risks grow.",
    "Kelvin's kettle: WILL SUE, Will sue, will  sue; growing risk; risky; 5% tariffs on steel.",
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
        r"\b(?:will|shall|'ll) (?:\w+ )?sue\b",
        r"\b(?:the )?(?:greater|higher|growing) risks?\b",
        r"\b(?:new|\d+ ?%) tariffs? on\b",
        r"\bs?anctions\b",
        r"\b(?:k|w)\w*",
        r"\bK(?:elvin)?",
    ]
    fast, plain = union(patterns, re.IGNORECASE), _plain(patterns, re.IGNORECASE)
    for text in _TEXTS:
        assert _matches(fast, text) == _matches(plain, text), text
        assert bool(fast.search(text)) == bool(plain.search(text)), text


def test_patterns_that_begin_with_one_letter_are_tried_together() -> None:
    # a word beginning with "s" tries only the "s" patterns and those whose first letter is
    # not fixed ("\\w", an optional letter), in their listed order
    rx = union([r"\bsue\b", r"\b(?:will|'ll) sue\b", r"\bs?ue", r"\b(?:the )?risk"])
    assert "(?=s)" in rx.pattern and "(?='" in rx.pattern and "(?=t)" in rx.pattern
    assert rx.search("we'll sue").group(0) == "'ll sue"
    assert rx.search("sue").group(0) == "sue" and rx.search("ue").group(0) == "ue"


def test_order_decides_among_matches_at_one_place() -> None:
    # "foo" and "foobar" both match at 0: the earlier pattern wins, as in the plain alternation
    for patterns in (
        [r"\bfoo", r"\bfoobar"],
        [r"\bfoobar", r"\bfoo"],
        [r"\bfoo", "x", r"\bfoobar"],
        [r"\b(?:f|g)oo", r"\bfoobar", r"\bf\w+"],
        [r"\bf\w+", r"\bfoo"],
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

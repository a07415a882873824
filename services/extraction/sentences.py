"""A cheap rule-based sentence splitter with character offsets, and the prefilter for cues."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from services.extraction.lexicon import Lexicon

Field = Literal["title", "text"]

# A boundary: terminal punctuation, any closing quotes/brackets, space, then something
# that can open a sentence (capital, digit, opening quote or bracket).
# Starts only at the first mark of a run and never gives characters back, so that a run of
# 200,000 full stops is one linear scan, not a quadratic backtrack.
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"”’')\]]*+(?=\s+[\"“‘'(\[]*[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "gov",
        "sen",
        "rep",
        "gen",
        "lt",
        "col",
        "capt",
        "adm",
        "maj",
        "sgt",
        "cpl",
        "pvt",
        "rev",
        "fr",
        "inc",
        "corp",
        "ltd",
        "co",
        "plc",
        "no",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "a.m",
        "p.m",
        "d.c",
        "mt",
        "ft",
        "ave",
        "blvd",
        "dept",
        "est",
        "approx",
        "fig",
    ]
)
_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")
_WORD_BEFORE = re.compile(r"([\w.]+)[.]+$")
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_TITLED = re.compile(r"\b([A-Za-z]+)\.?\s+[A-Z][a-z]")
_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    field: Field
    start: int
    end: int
    text: str
    paragraph: int


def split_sentences(text: str, field: Field = "text") -> list[Sentence]:
    """Sentences of `text` with their offsets; a paragraph (line) never spans two."""
    out: list[Sentence] = []
    offset = 0
    paragraph = -1
    for line in text.split("\n"):
        # paragraphs are counted, not lines: a blank line between them is layout only, so a
        # speaker two paragraphs back is as near in double-spaced text as in single-spaced
        paragraph += 1 if line.strip() else 0
        start = 0
        for m in _BOUNDARY.finditer(line):
            if _is_abbreviation(line[start : m.start() + 1]):
                continue
            _add(out, field, line, offset, start, m.end(), paragraph)
            start = m.end()
        _add(out, field, line, offset, start, len(line), paragraph)
        offset += len(line) + 1
    return out


def _is_abbreviation(head: str) -> bool:
    m = _WORD_BEFORE.search(head[-40:])  # a word is short: bound the search
    if m is None:
        return False
    word = m.group(1).lower().rstrip(".")
    # initials ("John F. Kennedy") and initialisms ("S.C.", "D.C.") do not end sentences
    return word in _ABBREVIATIONS or bool(_INITIALS.fullmatch(word))


def _add(
    out: list[Sentence], field: Field, line: str, offset: int, a: int, b: int, par: int
) -> None:
    chunk = line[a:b]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    start = offset + a + lead
    out.append(Sentence(field, start, start + len(stripped), stripped, par))


def may_hold_claim(sentence: str, lexicon: Lexicon) -> bool:
    """Cheap test before parsing: a cue form, a quote mark or "according to"."""
    return any(q in sentence for q in '"“”') or has_cue(sentence, lexicon)


def has_cue(text: str, lexicon: Lexicon) -> bool:
    """A cue verb form or "according to" somewhere in the text.

    Capitalised words inside a sentence are names ("United States"), and a light verb
    ("made", "put") counts only beside a speech noun ("made a statement").
    """
    if _ACCORDING.search(text):
        return True
    words = _WORD.findall(text)
    title_case = sum(w[0].isupper() for w in words) * 2 > len(words)
    nouns = None
    for n, word in enumerate(words):
        low = word.lower()
        if low in lexicon.phrasal_forms and any(
            lexicon.phrasal(low, w) for w in words[n + 1 : n + 4]
        ):
            return True  # "shot down the claims", "hit back at"
        lemma = lexicon.forms.get(low)
        if lemma is None or (n > 0 and word[0].isupper() and not title_case):
            continue
        if lemma not in lexicon.light_verbs or lemma in lexicon.verbs:
            return True  # a light verb that also reports ("reported") needs no speech noun
        if nouns is None:
            nouns = {w.lower() for w in words} & (lexicon.speech_nouns.keys() | {"notice"})
        if nouns:
            return True  # "notice": "put them on notice" (speech_acts._on_notice)
    return False


def introduces_statement(sentence: str, lexicon: Lexicon) -> bool:
    """A line that introduces a quoted statement ("Full statement from the club:")."""
    if not sentence.rstrip().endswith(":"):
        return False
    return any(w.lower() in lexicon.documents for w in _WORD.findall(sentence))


def introduces_person(sentence: str, lexicon: Lexicon) -> bool:
    """A title before a capitalised word ("spokesman Ivan Dorov"): parse it for later pronouns."""
    words = _TITLED.findall(sentence)
    return any(title.lower() in lexicon.personal_titles for title in words)

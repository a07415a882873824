"""One compiled regex for a list of patterns, built so that Python's engine scans it fast.

`re` tries every alternative of `A|B|C` at every character. Most cue patterns open with a
word boundary (`\\bwill not tolerate\\b`, also after a look-behind: `(?<!'s )\\bretaliation`); a
run of them shares one leading `\\b`, so the run is tried only where a word begins. Both are
zero-width tests of the same place, so their order does not matter; the alternatives keep
theirs, so what matches, and where, is what the plain `(?:A)|(?:B)|...` gives. Within a run,
the patterns are bucketed by the letter they begin with, so a word tries only the patterns that
can begin with its letter (the shipped warning patterns: about 5x faster than the plain form).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

_BOUNDARY = r"\b"
_SPECIAL = frozenset(".^$*+?{}[]\\|()")


def union(patterns: list[str], flags: int = 0) -> re.Pattern[str]:
    parts: list[str] = []
    run: list[str] = []
    for p in [*patterns, None]:  # None: the end, which closes the last run
        rest = _after_boundary(p) if p is not None else None
        if rest is not None:
            run.append(rest)
            continue
        if run:
            parts.append(_BOUNDARY + _by_first_letter(run, flags & re.IGNORECASE != 0))
            run = []
        if p is not None:
            parts.append(f"(?:{p})")
    return re.compile("|".join(parts), flags)


def _by_first_letter(run: list[str], ignore_case: bool) -> str:
    """The run as one group that only tries, where a word begins with "w", the patterns that
    can begin with "w" (and those whose first letter is not fixed), each bucket in the run's
    order: two patterns that begin with different letters never match at the same place, so
    which one wins there is unchanged."""
    firsts = [_first_letters(p, ignore_case) for p in run]
    letters = sorted({c for f in firsts if f is not None for c in f})
    paired = list(zip(run, firsts, strict=True))
    loose = [p for p, f in paired if f is None]
    branches = [
        f"(?={re.escape(c)})(?:{_alternatives(p for p, f in paired if f is None or c in f)})"
        for c in letters
    ]
    if loose:
        branches.append(f"(?:{_alternatives(loose)})")
    return f"(?:{'|'.join(branches)})"


def _alternatives(patterns: Iterable[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _first_letters(pattern: str, ignore_case: bool, i: int = 0) -> frozenset[str] | None:
    """The characters a match of the pattern from `i` can begin with, or None when that is
    not a fixed set ("\\w+", "[ab]", a pattern that may match nothing)."""
    while pattern.startswith(("(?<=", "(?<!"), i):  # zero width: the match begins after
        i = _group_end(pattern, i)
    if i >= len(pattern):
        return None
    c = pattern[i]
    if c not in _SPECIAL:
        if pattern[i + 1 : i + 2] in ("?", "*", "{"):
            return None
        return frozenset(c.lower() if ignore_case else c)
    if not pattern.startswith("(?:", i):
        return None
    end = _group_end(pattern, i)
    found: set[str] = set()
    for branch in _top_branches(pattern[i + 3 : end - 1]):
        letters = _first_letters(branch, ignore_case)
        if letters is None:
            return None
        found |= letters
    if pattern[end : end + 1] in ("*", "{"):
        return None
    if pattern[end : end + 1] == "?":  # "(?:the )?risk": either the group's or what follows
        rest = _first_letters(pattern, ignore_case, end + 1)
        return None if rest is None else frozenset(found | rest)
    return frozenset(found)


def _top_branches(pattern: str) -> list[str]:
    cuts, depth = [], 0
    for i, c in _syntax(pattern, 0):
        depth += {"(": 1, ")": -1}.get(c, 0)
        if c == "|" and depth == 0:
            cuts.append(i)
    bounds = [-1, *cuts, len(pattern)]
    return [pattern[a + 1 : b] for a, b in pairwise(bounds)]


def _after_boundary(pattern: str) -> str | None:
    """The pattern without the `\\b` that opens it (after any look-behinds), or None when it
    has none, or has a branch at its top level ("\\bfoo|bar": the `\\b` is one branch's)."""
    if _has_top_branch(pattern):
        return None
    i = 0
    while pattern.startswith(("(?<=", "(?<!"), i):
        i = _group_end(pattern, i)
    if not pattern.startswith(_BOUNDARY, i):
        return None
    return pattern[:i] + pattern[i + len(_BOUNDARY) :]


def _group_end(pattern: str, start: int) -> int:
    """Index just after the group that opens at `start`."""
    depth = 0
    for i, c in _syntax(pattern, start):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(pattern)


def _has_top_branch(pattern: str) -> bool:
    depth = 0
    for _, c in _syntax(pattern, 0):
        depth += {"(": 1, ")": -1}.get(c, 0)
        if c == "|" and depth == 0:
            return True
    return False


def _syntax(pattern: str, start: int) -> list[tuple[int, str]]:
    """The pattern's unescaped characters outside character classes, with their indexes."""
    out: list[tuple[int, str]] = []
    i, in_class = start, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += (
                2 if pattern.startswith("]", i + 1) else 3 if pattern.startswith("^]", i + 1) else 1
            )
            continue  # "[]...]" and "[^]...]" open with a literal "]"
        else:
            out.append((i, c))
        i += 1
    return out

"""Mention scanning: where a text names actors, read by the text's other mentions."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache

from services.actors.knowledge import knowledge_base
from services.actors.lookup import actor_kind, candidates, parent_of, resolve_alias
from services.actors.names import fold

Mention = tuple[int, int, str, str]


@cache
def _mention_index() -> dict[str, tuple[tuple[str, str | None, str], ...]]:
    """Surface forms keyed by their first two characters, longest first."""
    kb = knowledge_base()
    surfaces: dict[str, tuple[str | None, str]] = {}
    for actor in kb.actors.values():
        for alias in actor.aliases:
            canonical = resolve_alias(alias.text) if not alias.case_sensitive else actor.name
            # Mentions start at the name itself: "the" before it is left to the caller.
            text = alias.text[4:] if alias.text[:4] in ("the ", "The ") else alias.text
            for form in {text, fold(text), text.replace("'", "’")}:
                if len(form) >= 2:
                    surfaces.setdefault(form, (canonical, alias.text))
    for phrase in kb.blocked:
        surfaces[phrase] = (None, phrase)
    index: dict[str, list[tuple[str, str | None, str]]] = defaultdict(list)
    for form, (canonical, alias_text) in surfaces.items():
        index[form[:2]].append((form, canonical, alias_text))
    return {k: tuple(sorted(v, key=lambda s: -len(s[0]))) for k, v in index.items()}


def find_mentions(text: str) -> list[Mention]:
    """Actor mentions as (start, end, canonical, alias), longest match first, on word bounds.

    Matching is case-sensitive on the written forms, so "us" and "turkey" are not actors.
    Phrases such as "South China Sea" or "Washington Post" block the shorter alias inside.
    """
    index = _mention_index()
    found: list[Mention] = []
    resume = 0
    for word in re.finditer(r"\w+", text):
        start = word.start()
        if start < resume:
            continue
        for form, canonical, alias_text in index.get(text[start : start + 2], ()):
            end = start + len(form)
            if not text.startswith(form, start):
                continue
            if form[-1].isalnum() and end < len(text) and (text[end].isalnum() or text[end] == "_"):
                continue
            if canonical is not None:
                found.append((start, end, canonical, alias_text))
            resume = end
            break
    return _by_context(found)


def _by_context(found: list[Mention]) -> list[Mention]:
    """Re-read an alias of several actors by the text's other, unambiguous mentions.

    The preferred reading ("Georgia" the country) stays unless nothing else in the text names
    it, and another reading has at least two supporting mentions: itself by other names, or
    its siblings under one parent ("Tennessee", "Kentucky" for the US state).
    """
    options = {alias: candidates(alias) for _, _, _, alias in found}
    plain = [c for _, _, c, alias in found if len(options[alias]) == 1]

    def evidence(actor: str) -> int:
        parent = parent_of(actor)
        related = {actor}
        if parent is not None:
            related |= {c for c in plain if parent_of(c) == parent}
        return sum(c in related for c in plain)

    out: list[Mention] = []
    for start, end, canonical, alias in found:
        choices = options[alias]
        if len(choices) > 1 and evidence(choices[0]) == 0:
            best = max(choices[1:], key=evidence)
            canonical = best if evidence(best) >= 2 else choices[0]
        out.append((start, end, canonical, alias))
    return out


def country_of(canonical: str) -> str | None:
    """The country an actor is or belongs to (an agency's, a state's), else None."""
    kind = actor_kind(canonical)
    if kind == "country":
        return canonical
    parent = parent_of(canonical)
    if kind in ("subnational", "agency") and parent is not None and actor_kind(parent) == "country":
        return parent
    return None


def home_country(text: str) -> str | None:
    """The country an article is mostly about, counting its regions and agencies as it:
    unnamed "officials" in a story about Carolina towns are that country's officials."""
    counts: Counter[str] = Counter()
    for _, _, canonical, _ in find_mentions(text):
        kind = actor_kind(canonical)
        country = canonical if kind == "country" else parent_of(canonical)
        if country is not None and kind in ("country", "subnational", "agency"):
            counts[country] += 1
    if not counts:
        return None
    top, n = counts.most_common(1)[0]
    return top if n >= 2 and n * 2 > sum(counts.values()) else None

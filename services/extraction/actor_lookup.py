"""The one door to the actors knowledge base, cached: names -> canonical actors."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from services.extraction.actors import actor_kind, find_mentions, parent_of, resolve_actor


@lru_cache(maxsize=65_536)
def lookup_actor(name: str) -> str | None:
    """Canonical actor for a name, metonym or demonym ("the Kremlin" -> "Russia"), else None."""
    cleaned = name.strip().strip("“”\"'‘’").strip()
    if cleaned.lower().startswith("the "):
        cleaned = cleaned[4:]
    if cleaned.endswith("'s") or cleaned.endswith("’s"):
        cleaned = cleaned[:-2]
    if not cleaned:
        return None
    return resolve_actor(cleaned)


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


def is_country(actor: str) -> bool:
    return actor_kind(actor) == "country"

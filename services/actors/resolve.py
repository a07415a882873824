"""Names -> canonical actors, including an actor followed by a government role's words."""

from __future__ import annotations

from functools import lru_cache

from services.actors.lookup import parent_of, resolve_alias
from services.actors.mentions import find_mentions
from services.actors.names import fold, loose_key
from services.actors.roles import is_role, role_words

# Words that may sit between an actor and a role without changing whom the role speaks for
# ("German financial regulator BaFin", "a senior US official").
_FILLERS = frozenset(
    {"a", "an", "the", "top", "senior", "acting", "policy", "affairs", "financial", "federal"}
    | {"national", "public", "health", "weather", "regional", "central", "markets", "banking"}
    | {"aviation", "nuclear", "watchdog"}
)


def resolve_actor(name: str) -> str | None:
    """Any alias, metonym, demonym or abbreviation -> canonical actor ("the Kremlin" -> "Russia").

    A name that is an actor followed only by words of a government role is resolved too
    ("Chinese Foreign Ministry" -> "China"); an analyst's or senator's title is not.
    """
    if not name or not name.strip():
        return None
    return resolve_alias(name) or _resolve_composite(name)


@lru_cache(maxsize=65_536)
def lookup_actor(name: str) -> str | None:
    """resolve_actor for text as a parse gives it: quotes, "the" and a possessive around it."""
    cleaned = name.strip().strip("“”\"'‘’").strip()
    if cleaned.lower().startswith("the "):
        cleaned = cleaned[4:]
    if cleaned.endswith("'s") or cleaned.endswith("’s"):
        cleaned = cleaned[:-2]
    if not cleaned:
        return None
    return resolve_actor(cleaned)


def _resolve_composite(name: str) -> str | None:
    """An actor plus government-role words ("US State Department spokesperson") -> the actor."""
    # "White House NSA": an abbreviation that is also a role ("NSA") is read as the role.
    mentions = [m for m in find_mentions(fold(name)) if not is_role(m[3])]
    if not mentions:
        return None
    rest = fold(name)
    for start, end, _, _ in reversed(mentions):
        rest = rest[:start] + " " + rest[end:]
    words = loose_key(rest.replace("'s", " ")).split()
    if any(w not in role_words() and w not in _FILLERS for w in words):
        return None
    names = list(dict.fromkeys(m[2] for m in mentions))
    # "US CDC": the most specific actor whose parents cover the others.
    for candidate in reversed(names):
        lineage = {candidate}
        parent = parent_of(candidate)
        while parent:
            lineage.add(parent)
            parent = parent_of(parent)
        if set(names) <= lineage:
            return candidate
    return None

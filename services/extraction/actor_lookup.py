"""The one door to the actors knowledge base, cached: names -> canonical actors."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache

log = logging.getLogger(__name__)


def _load_resolver() -> Callable[[str], str | None]:
    try:
        from services.extraction.actors import resolve_actor
    except ImportError:
        log.warning("actors knowledge base missing: speakers keep the names the article gives")
        return lambda name: None
    return resolve_actor


_resolve = _load_resolver()


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
    return _resolve(cleaned)

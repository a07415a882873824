"""What identifies and describes one report of a claim: its ids and its content terms (pure)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from schemas.claims import Claim
from services.stream.signature import name_key, speaker_key, terms

# Words by which a report says the act is one more, beside another of the speaker's ("she also
# denies", "has also warned", "a further denial", "in addition to her earlier remarks"). An "also"
# counts only before a verb: "who is also her cousin" adds nothing.
_ADDITIVE = re.compile(
    r"\balso\s+(?!(?:is|was|has|had|his|her|its|their|the|as)\b)[a-z]+(?:ed|es|s)\b"
    r"|\balso\s+said\b"
    r"|\b(?:a\s+further|another|a\s+second|a\s+separate)\s+(?:denial|warning|statement|threat)"
    r"|\bin\s+addition\s+to\b",
    re.IGNORECASE,
)


def adds_an_act(claim: Claim) -> bool:
    """Whether the sentence presents its act as another one of the speaker's (see _ADDITIVE)."""
    return bool(_ADDITIVE.search(claim.sentence))


def claim_terms(claim: Claim) -> frozenset[str]:
    """The matter of a claim: its content and quote, without the names of who speaks."""
    text = " ".join(t for t in (claim.content, claim.quote or "") if t)
    return terms(text, drop=(claim.actor, claim.speaker))


def peer_terms(claims: Sequence[Claim]) -> list[frozenset[str]]:
    """For each claim, the terms of every claim of the same article, actor, type and speaker.

    A claim that says it is a further act (`adds_an_act`) is its own group: its words are not
    the rest of the statement's, and it is matched on them alone.
    """
    groups: dict[tuple[str, ...], set[str]] = {}
    keys = []
    for index, claim in enumerate(claims):
        key: tuple[str, ...] = (
            claim.article_id,
            name_key(claim.actor),
            claim.type.value,
            speaker_key(claim.speaker),
        )
        if adds_an_act(claim):
            key = (*key, str(index))
        groups.setdefault(key, set()).update(claim_terms(claim))
        keys.append(key)
    return [frozenset(groups[key]) for key in keys]


def alert_id(claim: Claim) -> str:
    """The act's id: who, what kind, and where it was first reported (article and sentence)."""
    return "alert-" + _digest(name_key(claim.actor), claim.type.value, *_where(claim))


def source_id(claim: Claim) -> str:
    """One report's id: article, sentence span, speaker and kind, whatever actor it was read as
    (a replay may read the actor differently: it must still find the report it placed)."""
    return "src-" + _digest(*_where(claim), name_key(claim.speaker), claim.type.value)


def _where(claim: Claim) -> tuple[str, ...]:
    """Which sentence of which article: what both ids are built on."""
    return (claim.article_id, claim.span.field, str(claim.span.start), str(claim.span.end))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]

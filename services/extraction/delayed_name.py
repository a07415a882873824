"""The lede that names a role before the person: "The CEO of Acme said Friday ... '...,' Ann Lee
said." The person the next sentences name holds that role, and speaks for Acme (pure)."""

from __future__ import annotations

import re

from schemas.claims import Claim
from services.actors import role_of

# "The chief executive of cybersecurity company Acme said": a role held by one person, whose
# body is named after "of"
_ROLE_OF = re.compile(
    r"^(?:[A-Z][A-Z .,'/]+(?:\([^)]{1,30}\))?\s*[-–—]+\s*)?"  # "MEXICO CITY (AP) — "
    r"(?:The|A)\s+(?:(?:top|new|embattled)\s+)?"
    r"(?:CEO|chief executive(?: officer)?|chairman|chairwoman|chair|founder|president|head|boss)"
    r"\s+of\s",
)
# how many claims later the lede's speaker may be named
_WITHIN = 2


def name_the_lede_role(claims: list[Claim]) -> list[Claim]:
    """Claims (in article order) with the person named right after a role-only lede speaking
    for the lede's body, when nothing else in the article ties that person."""
    body = [c for c in claims if c.span.field == "text"]
    for i, lede in enumerate(body[:_WITHIN]):
        if not _ROLE_OF.match(lede.sentence):
            continue
        for later in body[i + 1 : i + 1 + _WITHIN]:
            if later.sentence == lede.sentence:
                continue
            if _untied_person(later, claims):
                named = [_speaking_for(c, later.speaker, lede.actor) for c in claims]
                # the lede's own claim is the named person's too
                return [
                    c.model_copy(update={"speaker": later.speaker}) if c is lede else c
                    for c in named
                ]
        return claims
    return claims


def _untied_person(claim: Claim, claims: list[Claim]) -> bool:
    words = claim.speaker.split()
    return (
        claim.actor == claim.speaker
        and len(words) >= 2
        and all(w[:1].isupper() for w in words)
        and all(c.actor == c.speaker for c in claims if c.speaker == claim.speaker)
    )


def _speaking_for(claim: Claim, person: str, actor: str) -> Claim:
    surname = person.split()[-1]
    if claim.speaker in (person, surname) and claim.actor == claim.speaker:
        return claim.model_copy(update={"speaker": person, "actor": actor})
    return claim


def name_the_titled_role(claims: list[Claim]) -> list[Claim]:
    """ "Acme's press secretary is refuting claims ..." and later "Press Secretary Ann Lee
    refuted ...": the lede's role is the person the article titles with it, and the lede's
    placing of that role (whose secretary) is what the person speaks for."""
    body = [c for c in claims if c.span.field == "text"]
    for lede in body[:_WITHIN]:
        role = _trailing_role(lede.speaker)
        if role is None or lede.actor.startswith("unnamed "):
            continue
        for later in body:
            if later.sentence == lede.sentence or len(later.speaker.split()) < 2:
                continue
            titled = rf"\b{re.escape(role)}\s+{re.escape(later.speaker)}\b"
            if not re.search(titled, later.sentence, re.I):
                continue
            return _lede_is(later.speaker, lede, claims)
    return claims


def _lede_is(person: str, lede: Claim, claims: list[Claim]) -> list[Claim]:
    """Claims with the lede's role and the person (full name or surname) as one speaker, for
    the lede's actor."""
    surname = person.split()[-1]
    out: list[Claim] = []
    seen: set[tuple[str, str]] = set()
    for c in claims:
        in_lede = c.speaker == lede.speaker and c.sentence == lede.sentence
        if c.speaker in (person, surname) or in_lede:
            if in_lede and (c.sentence, c.type) in seen:
                continue  # the lede's two readings of one act are one claim of hers
            seen.add((c.sentence, c.type))
            c = c.model_copy(update={"speaker": person, "actor": lede.actor})
        out.append(c)
    return out


def _trailing_role(speaker: str) -> str | None:
    """The role a nameless speaker ends with ("Acme's press secretary" -> "press secretary")."""
    words = speaker.split()
    if len(words) < 2 or not any(w.islower() for w in words[-2:]):
        return None  # a name ("Ann Lee"), or a bare role
    for size in (3, 2, 1):
        tail = " ".join(words[-size:])
        found = role_of(tail)
        if found is not None and found.role == tail.lower():
            return tail
    return None

"""The lede that names a role before the person: "The CEO of Acme said Friday ... '...,' Ann Lee
said." The person the next sentences name holds that role, and speaks for Acme (pure)."""

from __future__ import annotations

import re

from schemas.claims import Claim

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

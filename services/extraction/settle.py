"""One article, one reading of who speaks for whom: a headline's bare surname or role takes the
name and the actor that the body gives the same speaker."""

from __future__ import annotations

import re

from schemas.claims import Claim
from services.actors import lookup_actor, role_of
from services.extraction.acronyms import expand, is_abbreviation
from services.extraction.mentions import Mentions
from services.extraction.org_titles import titled_body
from services.extraction.unnamed import names_no_one, unnamed
from services.extraction.untitled import titled_country


def settle_actors(claims: list[Claim], mentions: Mentions) -> list[Claim]:
    """Claims with each speaker's actor as the whole article tells it.

    "Blinken warns ..." (a headline, before the body says "Secretary of State Antony Blinken")
    speaks for the same government as the body's claims; "CEO denies ..." is the chief
    executive the body names; a speaker left with a common noun for an actor ("Army") takes
    the actor of the body's speaker of that name ("the Indian Army").
    """
    tied = _tied_people(claims, mentions)
    bodies = {c.actor for c in claims}
    headline_roles: dict[str, tuple[str, str]] = {}
    titled: dict[str, str | None] = {}  # a person's title is read from the text once
    spelled: dict[str, str | None] = {}  # and an abbreviation's name
    out: list[Claim] = []
    for claim in claims:
        speaker, actor = _settled(claim, tied, claims, mentions) or (claim.speaker, claim.actor)
        nameless = names_no_one(claim.actor) or is_common_noun(claim.actor)
        # a role ("Brexit secretary", "police"), not a thing ("lawsuit") the lede's speaker filed
        role = role_of(claim.speaker) is not None
        if claim.span.field == "title" and nameless and role and speaker != claim.speaker:
            headline_roles[claim.speaker.lower()] = (speaker, actor)
        elif names_no_one(actor) and speaker.lower() in headline_roles:
            # "Brexit secretary denies ..." was Stephen Barclay: so is "the Brexit secretary said"
            speaker, actor = headline_roles[speaker.lower()]
        speaker, actor = _spelled_out(speaker, actor, mentions.text, spelled)
        actor = _fuller(actor, bodies)
        if actor == speaker and mentions.person(speaker) is not None:
            # "Petrov said", whom the article titles "Finnish President Ivan Petrov" elsewhere
            if speaker not in titled:
                titled[speaker] = titled_country(
                    speaker, mentions.text, mentions.home_country
                ) or titled_body(speaker, mentions.text)  # "WHO chief Tedros ..."
            actor = titled[speaker] or actor
        if is_common_noun(actor) and not names_no_one(actor):
            actor = unnamed(actor)  # "Chairman", "health ministry": a role, not a name
        if (speaker, actor) != (claim.speaker, claim.actor):
            claim = claim.model_copy(update={"speaker": speaker, "actor": actor})
        out.append(claim)
    return out


# How far into the body a headline's act is retold: the lede's first claims.
_LEDE_CLAIMS = 3


def is_common_noun(actor: str) -> bool:
    """An actor that names no one: "ministry", "the company", "CEO" (only role words)."""
    words = [w for w in actor.replace("'s", " ").split() if w.lower() not in ("the", "a", "an")]
    if not words:
        return True
    if not any(ch.isupper() for w in words for ch in w):
        return True
    role = role_of(actor)
    if role is None or role_of(words[-1]) is None:
        return False  # "Foreign Office" names a body
    # "Press Secretary": a person's role in its own words, however capitalised
    return all(role_of(w) is not None for w in words) or role.role == " ".join(words).lower()


def _tied_people(claims: list[Claim], mentions: Mentions) -> dict[str, tuple[str, str]]:
    """Surname -> (fullest name, actor) of speakers the article names with a role that ties
    them to someone else ("Secretary of State Antony Blinken"); a tie read from a possessive
    alone ("Germany's Wirecard", which a tagger may take for a person) does not carry over."""
    tied: dict[str, tuple[str, str]] = {}
    for c in claims:
        if c.actor == c.speaker or is_common_noun(c.actor) or is_common_noun(c.speaker):
            continue
        if not mentions.roles.get(c.speaker):
            continue
        surname = c.speaker.split()[-1]
        known = tied.get(surname)
        if known is None or len(c.speaker) > len(known[0]):
            tied[surname] = (c.speaker, c.actor)
    return tied


def _settled(
    claim: Claim, tied: dict[str, tuple[str, str]], claims: list[Claim], mentions: Mentions
) -> tuple[str, str] | None:
    if claim.actor == claim.speaker and not is_common_noun(claim.speaker):
        found = tied.get(claim.speaker.split()[-1])
        if found is not None and claim.speaker in found[0]:
            return found  # "Blinken" is the body's "Antony Blinken", for his government
        if _unknown_to_body(claim, mentions):
            return _lede_speaker(claim, claims)  # "Ex-congressman denies": a misread "Ex"
        return None
    lede = _lede_speaker(claim, claims) if names_no_one(claim.actor) else None
    if lede is not None:
        return lede
    if not is_common_noun(claim.actor):
        return None
    noun = claim.speaker.split()[-1].lower()
    holder = mentions.person_with_role(noun)
    if holder is not None and not is_common_noun(holder.actor):
        lede = _lede_speaker(claim, claims)
        if lede is not None and lede[0] == holder.name:
            return lede  # the lede placed the holder better than the bare title did
        return holder.name, holder.actor  # "CEO denies ...": the chief executive named below
    if len(claim.speaker.split()) > 1:
        return None  # "a military spokesman" is not whichever spokesman the body names
    for other in claims:
        words = other.speaker.lower().split()
        if len(words) > 1 and words[-1] == noun and not is_common_noun(other.actor):
            return other.speaker, other.actor  # "Army denies": "the Indian Army" below
    return _lede_speaker(claim, claims)


def _fuller(actor: str, bodies: set[str]) -> str:
    """ "the Reserve Bank boss": the "Reserve Bank of Australia" another claim speaks for."""
    if len(actor.split()) < 2 or not actor[:1].isupper() or lookup_actor(actor) is not None:
        return actor
    fuller = sorted(b for b in bodies if b.startswith(f"{actor} of "))
    return fuller[0] if len(fuller) == 1 else actor


def _spelled_out(
    speaker: str, actor: str, text: str, spelled: dict[str, str | None]
) -> tuple[str, str]:
    """ "the NRWA said": the body the article spells out ("Northern Rivers Water Authority
    (NRWA)"), when the knowledge base does not know the abbreviation."""
    if not is_abbreviation(actor) or lookup_actor(actor) is not None:
        return speaker, actor
    if actor not in spelled:
        spelled[actor] = expand(actor, text)
    name = spelled[actor]
    if name is None:
        return speaker, actor
    # "Foreign Office (FO)" names an organ of whichever government the story is about: the
    # knowledge base would read it as one country's
    organ = set(name.lower().split()) & _ORGANS
    return (name if speaker == actor else speaker), (None if organ else lookup_actor(name)) or name


_ORGANS = frozenset({"ministry", "office", "department"})


def _unknown_to_body(claim: Claim, mentions: Mentions) -> bool:
    """A headline speaker that is no actor and none of whose words the body writes so."""
    if claim.span.field != "title" or lookup_actor(claim.speaker) is not None:
        return False
    body = mentions.text.split("\n", 1)[-1]
    return not any(re.search(rf"\b{re.escape(word)}\b", body) for word in claim.speaker.split())


def _lede_speaker(claim: Claim, claims: list[Claim]) -> tuple[str, str] | None:
    """ "Brexit secretary denies plan ..." over "Stephen Barclay has denied ...": a headline's
    nameless speaker is the one whom the lede's first claim of the same type names."""
    if claim.span.field != "title":
        return None
    body = sorted((c for c in claims if c.span.field == "text"), key=lambda c: c.span.start)
    for other in body[:_LEDE_CLAIMS]:
        if other.type != claim.type:
            continue
        if is_common_noun(other.actor) or names_no_one(other.actor):
            return None
        return other.speaker, other.actor
    return None

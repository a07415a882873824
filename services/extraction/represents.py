"""Whom a role's holder speaks for when it is no government: the firm or club before their
title, a lawyer's client, a judge's court, a prosecutor's office."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from services.actors import Role, lookup_actor, role_of
from services.extraction.context import Context
from services.extraction.noun_phrases import NAME_TAGS, text_of
from services.extraction.office_holders import is_office_holder
from services.extraction.titles import government_country

# Roles whose words before them are a portfolio or a rank, never an organisation
# ("Transport Secretary", "Foreign Minister").
_PORTFOLIO_NOTES = frozenset({"minister or ministry", "head of state or government"})
_COURT = re.compile(
    r"\b((?:[A-Z][\w.'’-]*\s+){0,5}?(?:Court|Tribunal)(?:\s+(?:of|for)(?:\s+the)?"
    r"(?:\s+[A-Z][\w'’-]*){1,5})?)"
)
_OFFICE = re.compile(
    r"\b((?:[A-Z][\w.'’-]*\s+){0,4}?(?:Prosecutor'?s?|Attorney'?s?|Prosecution|Procurator)"
    r"(?:\s+General'?s?)?\s+(?:Office|Service|Authority)(?:\s+(?:of|for)(?:\s+the)?"
    r"(?:\s+[A-Z][\w'’-]*){1,5})?)"
)
# the parse runs without a lemmatizer: the verb is known by its stem
_REPRESENTING = ("represent", "defend")


def role_in(tokens: list[Token]) -> tuple[Role, int] | None:
    """The role named among descriptor tokens and where its first word is."""
    if not tokens:
        return None
    role = role_of(text_of(tokens))
    if role is None:
        return None
    words = set(role.role.lower().split())
    for n, t in enumerate(tokens):
        word = t.lower_.rstrip(".")
        if word in words or (word.endswith("s") and word[:-1] in words):
            return role, n
    return None


def body_before_role(tokens: list[Token], ctx: Context) -> str | None:
    """ "Acme Robotics chief executive", "Riverton United manager": the proper name right
    before a firm's, club's or client's role is whom the holder speaks for."""
    found = role_in(tokens)
    if found is None:
        return None
    role, at = found
    if role.note in _PORTFOLIO_NOTES or role.speaks_for in ("self", "institution"):
        return None
    run: list[Token] = []
    for t in reversed(tokens[:at]):
        expected = run[0].i - 1 if run else tokens[at].i - 1
        if t.i != expected or t.tag_ not in NAME_TAGS:
            break
        if t.lower_.rstrip(".") in ctx.lexicon.personal_titles:
            break
        run.insert(0, t)
    if not run:
        return None
    name = text_of(run)
    if role_of(name) is not None:
        return None  # "Foreign Ministry spokesman": an office, whose country is found elsewhere
    return lookup_actor(name) or name


def represented(role: Role, head: Token, tokens: list[Token], ctx: Context) -> str | None:
    """Whom a lawyer, judge or prosecutor speaks for; None for other roles."""
    if role.speaks_for == "client":
        return client_of(head, ctx)
    if role.speaks_for not in ("court", "office"):
        return None
    if role.speaks_for == "court":
        found = court_of(head, tokens, ctx)
    else:
        found = office_of(head, tokens, role, ctx)
    # the same article's next unplaced judge or prosecutor sits in the same court or office
    bodies = ctx.mentions.bodies
    if found is None:
        return bodies.get(role.speaks_for)
    bodies[role.speaks_for] = found
    return found


def client_of(head: Token, ctx: Context) -> str | None:
    """ "Miller's lawyer", "a lawyer for Acme", "a solicitor representing Dan Miller"."""
    from services.extraction.speakers import describe  # a client is described like a speaker

    for c in head.children:
        target: Token | None = None
        if c.dep_ == "poss":
            target = c
        elif c.dep_ == "prep" and c.lower_ in ("for", "of"):
            target = next((o for o in c.children if o.dep_ == "pobj"), None)
        elif c.dep_ in ("acl", "relcl") and c.lower_.startswith(_REPRESENTING):
            target = next((o for o in c.children if o.dep_ == "dobj"), None)
        if target is None or target.tag_ not in (*NAME_TAGS, "NN", "NNS", "PRP$", "PRP"):
            continue
        party = describe(target, ctx)
        if party is not None and party.is_person and is_office_holder(party.name):
            return party.name  # a president's own lawyer is his, not his country's
        if party is not None and party.actor and party.actor[:1].isupper():
            return party.actor
    return None


def court_of(head: Token, tokens: list[Token], ctx: Context) -> str | None:
    """ "Judge Ann Lee of the Northfield District Court" -> that court; else the court the
    article names; else the place's courts ("a judge in Ohio" -> "Ohio court")."""
    found = _body_of(head, tokens, ctx, "court", ("court", "tribunal"), _COURT)
    if not isinstance(found, _Place):
        return found
    return f"{found.name} court"


def office_of(head: Token, tokens: list[Token], role: Role, ctx: Context) -> str | None:
    """ "a prosecutor" -> the prosecutor's office the article names, else the place's."""
    found = _body_of(head, tokens, ctx, "office", ("office", "service"), _OFFICE)
    if not isinstance(found, _Place):
        return found
    title = "Attorney" if "attorney" in role.role else "Prosecutor"
    if role.role.startswith(("district", "state", "us", "u.s.")):
        title = role.role.title().replace("U.S.", "US").replace("Us ", "US ")
    return f"{found.name} {title}'s Office"


@dataclass(frozen=True)
class _Place:
    name: str


def _body_of(
    head: Token,
    tokens: list[Token],
    ctx: Context,
    body: str,
    nouns: tuple[str, ...],
    pattern: re.Pattern[str],
) -> str | _Place | None:
    """The body a judge or prosecutor speaks for: the one named with them, else the one the
    article names, else none when an earlier one of this article settled it, else the place
    (theirs, or the government's country) for the caller to name the body after."""
    named = _named_after(head, ctx, *nouns)
    place = _place(head, tokens)
    if named is None and place is None:
        named = _first(pattern, ctx.mentions.text)
    if named is not None:
        return lookup_actor(named) or named
    if place is None and body in ctx.mentions.bodies:
        return None  # the body an earlier judge or prosecutor of this article spoke for
    place = place or government_country(ctx)
    return _Place(place) if place else None


def _named_after(head: Token, ctx: Context, *nouns: str) -> str | None:
    """ "of the Northfield District Court", "at the Lisbon prosecutor's office"."""
    for c in head.children:
        if c.dep_ != "prep" or c.lower_ not in ("of", "at", "for", "from", "in"):
            continue
        for obj in c.children:
            if obj.dep_ == "pobj" and obj.lower_ in nouns:
                words = [t for t in obj.subtree if t.dep_ != "det" and t.i <= obj.i]
                if any(t.tag_ in NAME_TAGS for t in words):
                    return text_of(words)
    return None


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return " ".join(match.group(1).split()) if match else None


def _place(head: Token, tokens: list[Token]) -> str | None:
    """Where a court or office sits, when its words say: "US judge", "Colombian prosecutor",
    "a judge in Ohio"."""
    for t in [*tokens, *(o for c in head.children if c.lower_ == "in" for o in c.children)]:
        found = lookup_actor(t.text)
        if found is not None:
            return found
    return None

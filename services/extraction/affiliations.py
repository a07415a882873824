"""Whom a speaker speaks for: organisations in titles, appositives and prepositions; gender."""

from __future__ import annotations

from spacy.tokens import Token

from services.actors import lookup_actor, role_of
from services.extraction.context import Context
from services.extraction.kin import KIN as _KIN
from services.extraction.mentions import Party
from services.extraction.noun_phrases import NAME_TAGS, flat_left, name_tail, name_tokens, text_of
from services.extraction.office_holders import office_actor
from services.extraction.represents import body_before_role
from services.extraction.unnamed import names_no_one

# "an email seen by Reuters", "a memo obtained by the Post": an outlet that had it, not wrote it
_HANDLED_BY = frozenset(
    {"seen", "obtained", "reviewed", "read", "received", "quoted", "cited", "leaked"}
)


def author_of(document: Token) -> Token | None:
    """ "a story published by the Daily Mail", "the ministry's statement": who wrote it."""
    for c in document.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ in ("from", "by"):
            found = next((o for o in c.children if o.dep_ == "pobj"), None)
            if found is not None:
                return found  # "a statement from Acme Robotics"
        if c.dep_ == "prep" and c.lower_ == "in":
            found = next((o for o in c.children if o.dep_ == "pobj"), None)
            if (
                found is not None
                and found.ent_type_ not in ("DATE", "TIME", "GPE", "LOC")
                and (found.tag_ in NAME_TAGS or found.ent_type_ == "ORG")
            ):
                return found  # "a story in Mediapart", "a report in the Riverton Gazette"
        if c.dep_ == "acl" and c.lower_ not in _HANDLED_BY:
            for g in c.children:
                if g.dep_ == "agent":
                    return next((o for o in g.children if o.dep_ == "pobj"), None)
    return None


def organisation_in_sentence(head: Token) -> Party | None:
    """ "the party said: 'The Labour Party ...'": an organisation with that noun in the sentence."""
    for ent in head.doc.ents:
        if ent.label_ == "ORG" and head.lower_ in ent.text.lower().split():
            name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            return Party(name, lookup_actor(name) or name, is_person=False)
    # names are not recognised inside a long quote: there a run of proper nouns with the
    # noun in it ("The Green Party takes ...") is the organisation
    for run in _proper_noun_runs(head):
        if head.lower_ in (t.lower_ for t in run):
            name = text_of(run)
            return Party(name, lookup_actor(name) or name, is_person=False)
    return None


def _proper_noun_runs(head: Token) -> list[list[Token]]:
    runs: list[list[Token]] = []
    for t in head.doc:
        if t.tag_ not in NAME_TAGS or t.i == head.i:
            continue
        if runs and runs[-1][-1].i == t.i - 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return [r for r in runs if len(r) > 1]


# what only a company has: "Acme shares", "Acme's profits"
_TRADED = frozenset(["shares", "stock", "stocks", "profits", "earnings", "shareholders"])


def named_organisation(head: Token) -> Party | None:
    """The one organisation the sentence names before the speaker ('"CPSC staff believe ...,"
    the agency said'); what follows is what the speaker talks about."""
    orgs = [e for e in head.doc.ents if e.label_ == "ORG" and e.end <= head.i]
    if not orgs:
        # "Debenhams shares plunged after the retailer issued ...": a name the recogniser
        # missed, known as a company by what it owns on the market
        traded = [
            t
            for t in head.doc[: head.i]
            if t.tag_ in NAME_TAGS and t.dep_ == "compound" and t.head.lower_ in _TRADED
        ]
        if len(traded) == 1:
            return Party(traded[0].text, lookup_actor(traded[0].text) or traded[0].text, False)
    if len(orgs) != 1:
        return None
    text = orgs[0].text
    name = text[4:] if text.lower().startswith("the ") else text
    return Party(name, lookup_actor(name) or name, is_person=False)


def gender_of(descriptors: list[Token], ctx: Context) -> str | None:
    """ "Mr", "spokesman" -> m; "Ms", "spokeswoman" -> f; most titles say nothing."""
    for t in reversed(descriptors):
        word = t.lower_.rstrip(".")
        if word in ctx.lexicon.male_titles:
            return "m"
        if word in ctx.lexicon.female_titles:
            return "f"
    return None


def actor_in(tokens: list[Token], ctx: Context) -> str | None:
    """An actor named among descriptor words: "Kremlin", "Chinese", "North Carolina Gov."."""
    role = role_of(" ".join(t.text for t in tokens)) if tokens else None
    if role is not None and role.speaks_for == "self":
        # a legislator ("Riverton Green MP Ann Lee") speaks for herself: the place is her
        # seat and the party her group, neither of them stands behind what she says
        return None
    if role is not None and role.speaks_for in ("client", "court", "office"):
        # "US lawyer", "Ohio judge": the place is not whom they speak for (represents.py)
        return body_before_role(tokens, ctx) if role.speaks_for == "client" else None
    runs: list[list[Token]] = []
    for t in tokens:
        if (
            runs
            and t.i == runs[-1][-1].i + 1
            and t.tag_ in NAME_TAGS
            and runs[-1][-1].tag_ in NAME_TAGS
        ):
            runs[-1].append(t)
        else:
            runs.append([t])
    for run in runs:
        # the whole run first ("National Hurricane Center"), then without title words
        words = [t for t in run if t.lower_.rstrip(".") not in ctx.lexicon.titles]
        for seq in (run, words):
            for size in range(len(seq), 0, -1):
                for i in range(len(seq) - size + 1):
                    found = lookup_actor(text_of(seq[i : i + size]))
                    if found is not None:
                        return found
    for run in runs:
        # a proper name before a title ("North Carolina Gov."): strip trailing titles only
        words = list(run)
        while words and words[-1].lower_.rstrip(".") in ctx.lexicon.titles:
            words.pop()
        if (
            words
            and len(words) < len(run)
            and not _portfolio(run)
            and all(
                t.tag_ in NAME_TAGS and t.lower_.rstrip(".") not in ctx.lexicon.titles
                for t in words
            )
        ):
            return text_of(words)
    return body_before_role(tokens, ctx)


def _portfolio(run: list[Token]) -> bool:
    """ "Transport Secretary": the words before a minister's title are a portfolio, no place;
    "Press Secretary" is one role's two words (the recogniser may call "Press" a body)."""
    role = role_of(text_of(run))
    return role is not None and (
        role.note == "minister or ministry" or role.role == text_of(run).lower()
    )


def appositive_actor(head: Token, ctx: Context) -> str | None:
    """ "X, senior fellow at the Y Institute": the organisation in the appositive."""
    for c in head.rights:
        if c.dep_ != "appos":
            continue
        own = role_of(c.text)
        if own is not None and own.note == "private voice":
            return None  # "X, the president's nominee for the court,": nobody's voice but X's
        found = actor_in(flat_left(c), ctx) or _anaphoric_owner(c, ctx)
        if found is not None:
            return found
        for t in c.subtree:
            if (
                t.dep_ == "pobj"
                and t.head.lower_ in ("at", "of", "for", "with", "from")
                and t.ent_type_ != "PERSON"
                and c.lower_ not in _KIN  # "the former girlfriend of X" is not X's voice
            ):
                org = organisation_name(t, ctx)
                if org is not None:
                    return org
            if t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.i == c.i:
                served = _principal_actor(t, ctx)  # "an adviser to Ruritanian President X"
                if served is not None:
                    return served
    return None


def _anaphoric_owner(role: Token, ctx: Context) -> str | None:
    """ "X, the company's vice president,": the company the story named before."""
    from services.extraction.speakers import describe  # speakers resolve appositives: a cycle

    for owner in role.lefts:
        if owner.dep_ != "poss" or owner.lower_ not in ctx.lexicon.anaphoric_nouns:
            continue
        if owner.lower_ in _FIRMS:
            # a company the knowledge base does not list: not the regulator that spoke last
            firm = ctx.mentions.last_firm()
            return firm.actor if firm is not None else None
        party = describe(owner, ctx)
        if party is not None and not party.is_person and not names_no_one(party.actor):
            return party.actor
    return None


_FIRMS = frozenset({"company", "firm"})


def served_actor(head: Token, ctx: Context) -> str | None:
    """ "an aide to Zelensky", "advisers to the Ruritanian president": whom the principal
    speaks for, when the article or the knowledge base places them."""
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "to":
            for t in c.children:
                if t.dep_ == "pobj" and t.tag_ in NAME_TAGS:
                    return _principal_actor(t, ctx)
    return None


def _principal_actor(person: Token, ctx: Context) -> str | None:
    """Whom an adviser's or an aide's principal speaks for: the title's country, or what the
    article already tied the principal to."""
    found = actor_in(flat_left(person), ctx)
    if found is not None:
        return found
    if person.tag_ not in NAME_TAGS:
        return None
    known = ctx.mentions.person(person.text)
    if known is not None and known.actor != known.name:
        return known.actor
    return office_actor(ctx, text_of(name_tokens(person, ctx)[0]), person.text)


def role_organisation(role: Token, ctx: Context) -> str | None:
    """ "the spokesman of Iran's armed forces": the organisation the role belongs to."""
    for c in role.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "at", "for"):
            for t in c.children:
                if t.dep_ == "pobj":
                    return organisation_name(t, ctx)
    return None


def organisation_name(tok: Token, ctx: Context) -> str | None:
    for t in [tok, *tok.children]:
        if t.dep_ == "poss" and t.tag_ in NAME_TAGS:
            return lookup_actor(t.text) or t.text
    if tok.tag_ in NAME_TAGS or tok.ent_type_ in ("ORG", "GPE"):
        name_toks, _ = name_tokens(tok, ctx)
        # "the Nordic Energy Forum": capitalised adjectives belong to the name
        parts = [t for t in flat_left(tok) if t.tag_ in NAME_TAGS or t.is_title] + [tok]
        # "the Bank of Wexland": the name goes on after its head; a ministry's does not name
        # whose it is ("Ministry of Foreign Affairs"), so it stays an organ (settle.py)
        if tok.lower_ not in ctx.lexicon.government_roles:
            parts += name_tail(tok)
        name = text_of(parts) if parts else text_of(name_toks)
        return lookup_actor(name) or name
    return None

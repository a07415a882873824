"""A common-noun speaker: "a US official", "the party", "his office", "the judge", "traders"."""

from __future__ import annotations

import re

from spacy.tokens import Token

from services.actors import actor_info, actor_kind, is_country, lookup_actor, role_of
from services.extraction.affiliations import (
    actor_in,
    appositive_actor,
    named_organisation,
    organisation_in_sentence,
    organisation_name,
    served_actor,
)
from services.extraction.context import Context
from services.extraction.described import described_before
from services.extraction.mentions import Party
from services.extraction.noun_phrases import NAME_TAGS, flat_left, text_of
from services.extraction.represents import body_before_role, represented
from services.extraction.titles import bare_title, is_bare_title
from services.extraction.unnamed import names_no_one, unnamed


def describe(head: Token, ctx: Context) -> Party | None:
    from services.extraction.speakers import describe as describe_speaker  # they recurse

    return describe_speaker(head, ctx)


# "the agency": a news agency when an outlet was named, else the body named last (a
# regulator, a weather service)
_NEWS_OR_STATE = frozenset({"agency"})
_UNNAMED_OFFICIALS = frozenset({"official", "officials", "authorities", "government"})
_SPOKESPERSON = "spokesperson for the body named with them"
# Roles one person holds in a story ("the governor", "the rapper", "the judge"), unlike a
# diplomat or an official, of whom a story may quote one it never names.
_ONE_HOLDER = frozenset(
    {"head of state or government", "sub-national executive", "private voice"}
    | {"speaks for the party they represent (the client)", "speaks for the court they sit on"}
    | {"speaks for the company or club they run"}
)


def describe_common(head: Token, ctx: Context) -> Party | None:
    """A common-noun speaker: "A US official", "the party", "his office", "Chinese officials"."""
    body = _appositive_body(head, ctx)
    if body is not None:
        return describe(body, ctx)  # "Germany's financial regulator, BaFin, said"
    counted = _counted(head)
    if counted is not None:
        return describe(counted, ctx)  # "a number of newspapers claimed": the newspapers
    poss = [c for c in head.lefts if c.dep_ == "poss"]
    plural = head.tag_ == "NNS"
    if poss:
        owner = describe(poss[0], ctx)
        if owner is None:
            return None
        ranked = _ranked_firm(head, poss[0], owner, ctx)
        if ranked is not None:
            return ranked
        owner_words = {t.i for t in poss[0].subtree}
        # "Mexico's state-owned oil company": every word of the noun's own, hyphens and all
        own = [t for t in flat_left(head) if t.i not in owner_words]
        noun = text_of([*own, head])
        # "last year's winner": an owner that is no one leaves the speaker unnamed
        speaks_for = unnamed(noun) if names_no_one(owner.actor) else owner.actor
        role = role_of(noun)
        if role is not None and role.speaks_for in ("court", "office", "client"):
            # "Spain's top prosecutor": the office of the owner's place; "Lee's lawyer": Lee
            speaks_for = represented(role, head, [poss[0], *own], ctx) or speaks_for
        else:
            # "Lebanon's Hezbollah chief": the body right before the role, not the place
            speaks_for = body_before_role([*own, head], ctx) or speaks_for
        return Party(f"{owner.name}'s {noun}", speaks_for, is_person=False, plural=plural)
    mods = flat_left(head)
    has_det_the = any(c.dep_ == "det" and c.lower_ == "the" for c in head.lefts)
    if (
        (head.lower_ in ctx.lexicon.anaphoric_nouns or names_a_firm(head, ctx))
        and has_det_the
        and not any(t.tag_ in NAME_TAGS or lookup_actor(t.text) for t in _naming(mods))
    ):
        noun_low = head.lower_
        # "the weather agency", "the space agency" is no news agency
        media = noun_low in ctx.lexicon.media_nouns and not _state_agency(noun_low, mods)
        hints = ctx.lexicon.media_words if media else frozenset()
        state = not media and noun_low in _NEWS_OR_STATE
        antecedent = (
            # "Chinese streaming giant iQiyi ... The streaming service disputed": the one name
            # the article gave that description
            described_before(head, mods, ctx)
            or ctx.mentions.group_like(head.lower_, hints)
            # "RTV reported the weather service's alert. The weather agency also warned":
            # the public body, not the outlet that spoke last
            or (ctx.mentions.last_public_body() if state else None)
            or organisation_in_sentence(head)
            # "Channel Nine reported ... The broadcaster said": the body that spoke, no place
            or (_body_that_spoke(ctx) if media else None)
            # an agency that spoke before is what "the agency" means, sooner than a body
            # named in passing since
            or (
                None
                if media and noun_low not in _NEWS_OR_STATE
                else ctx.mentions.last_group_speaker()
            )
        )
        if antecedent is None and (not media or head.lower_ in _NEWS_OR_STATE):
            # '"CPSC staff believe ...," the agency said'; else the last body named
            antecedent = named_organisation(head) or ctx.mentions.last_body()
        if antecedent is not None:
            return antecedent
    speaker = text_of([*mods, head]) if mods else head.text
    # "the UN health agency" is a name of its own before it is the UN's
    actor = lookup_actor(speaker) or actor_in(mods, ctx) or appositive_actor(head, ctx)
    actor = actor or served_actor(head, ctx)
    # a role word the tagger took for a name ("a foreign Ministry spokesman") names nobody,
    # nor does a minister's portfolio ("the Brexit secretary")
    portfolio = role_of(speaker) is not None and is_bare_title(head, speaker)
    names = [
        t
        for t in mods
        if t.tag_ in NAME_TAGS
        and role_of(t.text) is None
        and not portfolio
        and not _sentence_case(t, ctx)
    ]
    if actor is None and names:
        actor = lookup_actor(text_of(names)) or text_of(names)
    own_role = role_of(head.text)
    leader = _leader_epithet(head, mods, has_det_the, actor, ctx)
    if leader is not None:
        return leader
    if (
        has_det_the
        and not mods
        and (head.lower_ in ctx.lexicon.government_roles or own_role is not None)
    ):
        earlier = ctx.mentions.person_with_role(head.lower_)
        if earlier is not None:
            return earlier  # "the spokesperson said": the spokesperson named before
    if (
        has_det_the
        and not mods
        and not plural
        and ctx.mentions.people
        and (
            own_role.note in _ONE_HOLDER
            if own_role is not None
            else head.lower_ in ctx.lexicon.person_nouns
        )
    ):
        # "the rapper said": the person the story is about; an official ("the diplomat")
        # may well be someone the story never names
        return ctx.mentions.people[-1]
    headed = _nameless_body(head, ctx) if actor is None and not names and own_role else None
    if headed is not None:
        # "the head of the local emergency staff": named by the body, which names no one
        plain = headed.removeprefix("the ").removeprefix("a ")
        return Party(f"{speaker} of {headed}", unnamed(plain), is_person=True)
    role = role_of(speaker)
    if actor is None and role is not None and role.speaks_for in ("court", "office"):
        actor = represented(role, head, mods, ctx)  # "a judge in Ohio", "prosecutors in Lisbon"
    if actor is None and head.lower_ in ctx.lexicon.representative_roles:
        owned = role_owner(head, ctx)
        if owned is not None:
            prep, party = owned
            return Party(f"{speaker} {prep} {party.name}", party.actor, False, plural)
    if actor is None and not names and is_bare_title(head, speaker):
        return bare_title(head, speaker, role_owner(head, ctx), ctx)
    if actor is None and role is not None and role.speaks_for == "client":
        actor = represented(role, head, mods, ctx)  # "a lawyer representing Dan Lee"
    if actor is None and not mods and role is not None and role.note == _SPOKESPERSON:
        # "a spokeswoman said": for the body (or the official's employer) quoted last
        actor = ctx.mentions.last_voice(ctx.lexicon.media_words)
    if actor is None and (
        head.lower_ in ctx.lexicon.government_roles
        or any(m.lower_ in ctx.lexicon.government_roles for m in mods)
    ):
        # "the foreign ministry said", "a foreign ministry source told": the country that
        # spoke last
        actor = ctx.mentions.last_country_speaker()
    if actor is None and head.lower_ in _UNNAMED_OFFICIALS:
        actor = ctx.mentions.home_country()  # "officials warned ...": the story's country
    if actor is None:
        actor = _body_named_after(head, ctx)  # "organisers of the Riverside Marathon"
    one_person = not plural and (
        head.lower_ in ctx.lexicon.person_nouns or head.lower_ in _NOUN_GENDERS
    )
    if actor is None:
        actor = unnamed(speaker) if _names_nobody(head, ctx) else speaker
    if one_person:
        # "The woman said ... She said": a person "she" can mean, whom her noun tells apart
        ctx.mentions.note_gender(speaker, _NOUN_GENDERS.get(head.lower_))
    return Party(speaker, actor, is_person=one_person, plural=plural)


_NOUN_GENDERS = {
    **dict.fromkeys(["woman", "girl", "mother", "wife", "daughter", "sister", "actress"], "f"),
    **dict.fromkeys(["man", "boy", "father", "husband", "son", "brother", "actor"], "m"),
    **dict.fromkeys(["grandmother", "aunt", "niece", "widow", "girlfriend"], "f"),
    **dict.fromkeys(["grandfather", "uncle", "nephew", "widower", "boyfriend"], "m"),
}


def _ranked_firm(head: Token, poss: Token, owner: Party, ctx: Context) -> Party | None:
    """ "Acme denied ... Russia's largest oil producer said": a country's top firm, said of
    the company that spoke last, is that company (news avoids repeating its name)."""
    if not names_a_firm(head, ctx) or actor_kind(owner.actor) != "country":
        return None
    if not any(t.tag_ == "JJS" or t.lower_ in _RANKS for t in head.lefts if t.i > poss.i):
        return None
    last = _body_that_spoke(ctx)
    info = actor_info(last.actor) if last is not None else None
    return None if info is not None and info.type == "media" else last  # no outlet reporting


_RANKS = frozenset({"top", "leading", "dominant", "second-largest", "second-biggest"})


def _sentence_case(t: Token, ctx: Context) -> bool:
    """ "Cyber criminals have told the BBC": a sentence's first word, capitalised only there,
    whose phrase the article also writes in lower case ("the cyber criminals") is no name."""
    if t.i != t.sent.start or not t.text[:1].isupper() or t.text.isupper():
        return False
    if lookup_actor(t.text) is not None:
        return False  # a known name ("Google") stays one, however else the article writes it
    phrase = f"{t.lower_} {t.nbor().lower_}" if t.i + 1 < len(t.doc) else t.lower_
    return re.search(rf"\b{re.escape(phrase)}\b", ctx.mentions.text) is not None


def _state_agency(noun: str, mods: list[Token]) -> bool:
    return noun in _NEWS_OR_STATE and any(
        m.dep_ in ("amod", "compound") and m.lower_ not in _NEWS_WORDS for m in mods
    )


_NEWS_WORDS = frozenset({"news", "wire", "press", "photo"})


def _leader_epithet(
    head: Token, mods: list[Token], definite: bool, country: str | None, ctx: Context
) -> Party | None:
    """ "Zelenskiy has denied ... The Ukrainian president said": a country's leader named by
    office is the named person who spoke last, when the article tied them to no one else."""
    role = role_of(head.text)
    if not (definite and mods and country and role and role.note == "head of state or government"):
        return None
    if (
        not is_country(country)
        or head.tag_ != "NN"
        or any(
            m.tag_ == "JJ" and m.lower_ in ("former", "late", "new", "next", "then") for m in mods
        )
    ):
        return None
    person = _last_named_speaker(ctx)
    untied = person is not None and person.actor == person.name
    if person is None or not (person.actor == country or (untied and not _described(person, ctx))):
        return None
    ctx.mentions.note_roles(person.name, {head.lower_})
    return Party(person.name, country, is_person=True)


def _described(person: Party, ctx: Context) -> bool:
    """Whether the article gave the person a role or a description of their own ("Ann Lee,
    a minister of a state the knowledge base does not know,")."""
    if ctx.mentions.roles.get(person.name):
        return True
    text = ctx.mentions.text
    at = text.find(person.name)
    return at >= 0 and text[at + len(person.name) : at + len(person.name) + 2].startswith(",")


def _last_named_speaker(ctx: Context) -> Party | None:
    """The last speaker with a full name the knowledge base does not know (a person, though
    the entity recogniser may have missed it: "Volodymyr Zelenskiy has denied ...")."""
    for party in reversed(ctx.mentions.speakers):
        words = party.name.split()
        if party.is_person or (len(words) >= 2 and all(w[:1].isupper() for w in words)):
            named = "'s" not in party.name and lookup_actor(party.name) is None
            return party if named else None
    return None


_QUANTITIES = frozenset({"number", "majority", "handful", "host", "dozens", "hundreds", "scores"})


def _body_that_spoke(ctx: Context) -> Party | None:
    """The body that spoke last, if it is no place."""
    last = ctx.mentions.last_group_speaker()
    if last is None or actor_kind(last.actor) in ("country", "subnational"):
        return None
    return last


def _counted(head: Token) -> Token | None:
    """ "a number of newspapers": the plural counted, who speak."""
    if head.lower_ not in _QUANTITIES:
        return None
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None and obj.tag_ in ("NNS", "NNPS"):
                return obj
    return None


def _nameless_body(role: Token, ctx: Context) -> str | None:
    """ "head of the local emergency response staff": the common-noun body a role heads."""
    if role_owner(role, ctx) is not None:
        return None
    for c in role.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None and obj.tag_ in ("NN", "NNS") and obj.ent_type_ == "":
                words = list(obj.subtree)
                if len(words) > 2 and all(t.tag_ in ("NN", "NNS", "JJ", "DT") for t in words):
                    return text_of(words)
    return None


def _naming(mods: list[Token]) -> list[Token]:
    """Modifiers that could name the body: "the Texas-based company" names where it sits,
    not who it is, so it still refers back to the company the story named."""
    based = [i for i, t in enumerate(mods) if t.lower_ in ("based", "headquartered")]
    return mods[based[-1] + 1 :] if based else mods


def _names_nobody(head: Token, ctx: Context) -> bool:
    """A common noun ("traders", "the ministry"), not a capitalised name the tagger took for
    one ("Wirecard rejects FT report": a headline's company)."""
    lex = ctx.lexicon
    if role_of(head.text) is not None or head.lower_ in lex.person_nouns | lex.anaphoric_nouns:
        return True
    return head.tag_ == "NNS" or not head.text[:1].isupper()


def _appositive_body(head: Token, ctx: Context) -> Token | None:
    """The organisation's name in apposition to a noun for one ("the regulator, BaFin,");
    a bracketed abbreviation ("researchers at the ... Center (CMTC)") belongs to a name."""
    role = role_of(head.text)
    if not (
        head.lower_ in ctx.lexicon.anaphoric_nouns
        or names_a_firm(head, ctx)
        or (role is not None and role.note == "head or voice of an organisation")
    ):
        return None
    for c in head.rights:
        if (
            c.dep_ == "appos"
            and c.nbor(-1).text != "("
            and c.tag_ in NAME_TAGS
            and (
                c.ent_type_ == "ORG"
                or (not c.ent_type_ and lookup_actor(c.text) is not None)
                # "the oil company Petrobras": a firm's name, whatever the recogniser says
                or (c.i == head.i + 1 and names_a_firm(head, ctx))
            )
        ):
            return c
    return None


def _body_named_after(head: Token, ctx: Context) -> str | None:
    """ "organisers of the Riverside Marathon", "sources at Acme": the body they belong to."""
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "at", "from", "within"):
            for obj in c.children:
                if obj.dep_ == "pobj" and obj.tag_ in NAME_TAGS and obj.ent_type_ != "PERSON":
                    return organisation_name(obj, ctx)
    return None


def names_a_firm(word: Token, ctx: Context) -> bool:
    low = word.lower_
    return word.tag_ in ("NN", "NNS") and (
        low in ctx.lexicon.organisation_nouns or low.endswith("maker")
    )


def role_owner(role: Token, ctx: Context) -> tuple[str, Party] | None:
    """ "a spokesperson for the company", "officials in Kyiv": whom the role belongs to."""
    for c in role.children:
        if c.dep_ != "prep" or c.lower_ not in ("for", "of", "at", "in", "from", "with"):
            continue
        for obj in c.children:
            if obj.dep_ != "pobj":
                continue
            if obj.tag_ in NAME_TAGS or obj.ent_type_ in ("ORG", "GPE", "NORP"):
                name = organisation_name(obj, ctx)
                if name is not None:
                    shown = text_of([t for t in obj.subtree if t.dep_ != "det"])
                    return c.text, Party(shown, name, is_person=False)
            if obj.lower_ in ctx.lexicon.anaphoric_nouns:
                owner = describe(obj, ctx)  # "a spokesperson for the company"
                if owner is not None and not owner.is_person and owner.actor != obj.text:
                    return c.text, owner
    return None

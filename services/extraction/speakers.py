"""Who speaks: the subject of a reporting cue, expanded to a name and tied to an actor."""

from __future__ import annotations

from spacy.tokens import Token

from services.actors import lookup_actor, role_of
from services.extraction.affiliations import (
    actor_in,
    appositive_actor,
    author_of,
    gender_of,
    named_organisation,
    organisation_in_sentence,
    organisation_name,
    role_organisation,
)
from services.extraction.context import Context
from services.extraction.mentions import Party
from services.extraction.noun_phrases import (
    NAME_TAGS,
    appositive_name,
    flat_left,
    name_tail,
    name_tokens,
    text_of,
)
from services.extraction.represents import body_before_role, represented, role_in
from services.extraction.settle import names_no_one, unnamed
from services.extraction.titles import (
    bare_title,
    full_name_later,
    government_country,
    is_bare_title,
    national_role,
)

_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "his", "its", "their", "them"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "you"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP", "CD"})
_UNNAMED_OFFICIALS = frozenset({"official", "officials", "authorities", "government"})
# Roles one person holds in a story ("the governor", "the rapper", "the judge"), unlike a
# diplomat or an official, of whom a story may quote one it never names.
_ONE_HOLDER = frozenset(
    {"head of state or government", "sub-national executive", "private voice"}
    | {"speaks for the party they represent (the client)", "speaks for the court they sit on"}
    | {"speaks for the company or club they run"}
)
_CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp", "ccomp"})


def subject_of(cue: Token, *, depth: int = 0) -> tuple[Token | None, bool]:
    """The speaker token of a cue verb, and whether the construction was understood."""
    children = list(cue.children)
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in children):
        for c in children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                return (objs[0] if objs else None), True
        return None, True  # "it is understood": nobody is quoted
    subjects = [c for c in children if c.dep_ == "nsubj"]
    after = [c for c in subjects if c.i > cue.i]
    if after and cue.i > 0 and cue.nbor(-1).text in (",", "”", '"', "’"):
        return after[0], True  # "..., says US official": the fronted clause's noun is not it
    for c in subjects:
        if c.lower_ in _RELATIVE and cue.dep_ == "relcl":
            return cue.head, True
        return c, True
    head = cue.head
    if (
        depth < 3
        and cue.dep_ == "conj"
        and head.dep_ == "ccomp"
        and head.tag_ != cue.tag_
        and head.head.tag_ == cue.tag_
    ):
        # "X said the port would reopen and announced ...": the parser hung the second
        # reporting verb on the reported clause; by its tense it is X's own
        return subject_of(head.head, depth=depth + 1)
    if cue.dep_ in _CLIMB_DEPS and depth < 3 and head.i != cue.i:
        # "... but has warned of" (conj), "saying that ..." (advcl): the head's subject speaks
        return subject_of(cue.head, depth=depth + 1)
    for c in cue.rights:
        # inverted: ", says US official"
        if c.dep_ in ("nsubj", "npadvmod") and c.tag_ in _NOUN_TAGS:
            return c, True
    return None, False


def speakers_of(head: Token, ctx: Context) -> list[Party]:
    """One party per conjoined speaker ("China and Russia said")."""
    heads = [head] + [c for c in head.children if c.dep_ == "conj" and c.tag_ in _NOUN_TAGS]
    parties = [describe(h, ctx) for h in heads]
    return [p for p in parties if p is not None]


def speaker_named(name: str, ctx: Context) -> Party:
    """A speaker known only by a bare name ("Peskov: ..." headlines): the KB, then people seen."""
    actor = lookup_actor(name)
    if actor is not None:
        return Party(name, actor, is_person=False)
    known = ctx.mentions.person(name)
    if known is not None:
        return known
    full = ctx.memory.full_name(name)
    if full is not None:
        return Party(full, ctx.memory.actor_of(full) or full, is_person=True)
    return Party(name, name, is_person=False)


def describe(head: Token, ctx: Context) -> Party | None:
    """Resolve a speaker noun to a Party: pronouns, surnames, titles, appositives, metonyms."""
    low = head.lower_
    if low in _FIRST_PERSON and head.tag_ in ("PRP", "PRP$"):  # "US" is no "us"
        return None
    if low in _PRONOUNS or head.tag_ in ("PRP", "PRP$"):
        if low in ("he", "she"):
            earlier = _subject_person_before(head)
            if earlier is not None:
                return describe(earlier, ctx)
        return ctx.mentions.pronoun(low)
    numbered = [c for c in head.rights if c.dep_ == "nummod" and c.i == head.i + 1]
    if numbered and lookup_actor(f"{head.text} {numbered[0].text}") is not None:
        name = f"{head.text} {numbered[0].text}"  # "Number 10" is a seat of government
        return Party(name, lookup_actor(name) or name, is_person=False)
    if low in ctx.lexicon.documents and head.tag_ in ("NN", "NNS"):
        author = author_of(head)
        return describe(author, ctx) if author is not None else None
    if low in ctx.lexicon.non_speakers or head.tag_ not in _NOUN_TAGS:
        return None
    appos_person = appositive_name(head)
    if appos_person is not None and low in ctx.lexicon.representative_roles:
        # "the Kremlin's spokesman, Dmitry Peskov": the name is in the appositive
        party = _named(appos_person, ctx, extra_descriptors=flat_left(head))
        if party.actor == party.name:
            role = role_of(head.text)
            role_actor = role_organisation(head, ctx) or (
                represented(role, head, flat_left(head), ctx) if role is not None else None
            )  # "the shipping firm's attorney, Tom Reyes": the firm is the client
            if role_actor is not None:
                ctx.memory.remember(party.name, role_actor)
                party = Party(party.name, role_actor, is_person=True)
        return party
    if any(c.dep_ == "poss" for c in head.lefts) and head.ent_type_ != "PERSON":
        if _owned_name(head, ctx):
            return _named(head, ctx)  # "Norway's Acme Shipping": the company speaks for itself
        return _common(head, ctx)  # "Iran's foreign ministry": the owner speaks through it
    if head.tag_ in NAME_TAGS:
        return _named(head, ctx)
    return _common(head, ctx)


def _named(head: Token, ctx: Context, extra_descriptors: list[Token] | None = None) -> Party:
    name_toks, descriptors = name_tokens(head, ctx)
    descriptors = (extra_descriptors or []) + descriptors
    name = text_of(name_toks)
    if is_bare_title(head, text_of([*descriptors, *name_toks])):
        return bare_title(head, text_of([*descriptors, *name_toks]), _role_owner(head, ctx), ctx)
    has_title = any(t.lower_.rstrip(".") in ctx.lexicon.personal_titles for t in descriptors[-2:])
    is_person = head.ent_type_ == "PERSON" or has_title or ctx.mentions.person(name) is not None
    if (
        descriptors
        and descriptors[-1].i == name_toks[0].i - 1
        and _names_a_firm(descriptors[-1], ctx)
    ):
        is_person = False  # "glass producer Acme Rossi": the name is a company's, however it looks
    spelled_out = None
    if (
        len(name_toks) == 1
        and not is_person
        and head.tag_ == "NNP"
        and head.i == head.sent.start
        and not descriptors
        and lookup_actor(name) is None
    ):
        # a headline's surname that the parser took for a thing
        spelled_out = full_name_later(name, ctx)
        is_person = spelled_out is not None
    if spelled_out is None and (
        head.ent_type_ in ("ORG", "GPE", "NORP", "FAC", "LOC") or lookup_actor(name) is not None
    ):
        is_person = (
            is_person and lookup_actor(name) is None and head.ent_type_ not in ("GPE", "NORP")
        )
    if not is_person:
        run = list(name_toks)
        for t in reversed(descriptors):
            if t.i != run[0].i - 1 or t.tag_ not in NAME_TAGS:
                break
            run.insert(0, t)  # "National Weather Service": adjectives are part of an org's name
        run += name_tail(run[-1])
        full = text_of(run)
        actor = lookup_actor(full) or lookup_actor(name) or full
        return Party(name=full, actor=actor, is_person=False)
    known = ctx.mentions.person(name)
    if known is not None and len(name_toks) == 1:
        name = known.name  # a bare surname: the person named earlier
    elif known is None and len(name_toks) == 1:
        name = spelled_out or full_name_later(name, ctx) or name
    ctx.mentions.note_gender(name, gender_of(descriptors, ctx))
    tied = actor_in(descriptors, ctx) or appositive_actor(head, ctx)
    held = role_in(descriptors)
    if tied is None and held is not None:
        tied = represented(held[0], head, descriptors, ctx)  # "Judge Ann Lee": her court
    roles = {t.lower_.rstrip(".") for t in descriptors} & ctx.lexicon.government_roles
    if held is not None:
        roles.add(held[0].role.split()[-1])  # "the judge said", "the manager said" later
    ctx.mentions.note_roles(name, roles)
    if tied is not None:
        ctx.memory.remember(name, tied)
        return Party(name=name, actor=tied, is_person=True)
    # a surname seen first on its own (a headline) was taken to speak for itself: that
    # teaches nothing, so the people memory still decides
    known_actor = known.actor if known is not None and known.actor != known.name else None
    speaks_for = known_actor or ctx.memory.actor_of(name)
    if speaks_for is None and roles:
        speaks_for = ctx.mentions.last_country_speaker()  # "foreign ministry spokesman X"
    if speaks_for is None and national_role(text_of(descriptors)) is not None:
        speaks_for = government_country(ctx)  # "Health Secretary Ann Lee": her country's
    return Party(name=name, actor=speaks_for or name, is_person=True)


def _owned_name(head: Token, ctx: Context) -> bool:
    """A proper name after a place's possessive is a body of its own, not the place's organ."""
    lex = ctx.lexicon
    institution = lex.anaphoric_nouns | lex.government_roles | lex.representative_roles | lex.titles
    return (
        head.tag_ in NAME_TAGS
        and head.lower_ not in institution
        and role_of(head.text) is None
        and lookup_actor(head.text) is None
    )


def _subject_person_before(pronoun: Token) -> Token | None:
    """ "While Gov. Ann Lee confirmed ..., she cautioned": a person subject earlier on."""
    found = None
    for ent in pronoun.doc.ents:
        if ent.label_ == "PERSON" and ent.end <= pronoun.i and ent.root.dep_ == "nsubj":
            found = ent.root
    return found


def _common(head: Token, ctx: Context) -> Party | None:
    """A common-noun speaker: "A US official", "the party", "his office", "Chinese officials"."""
    body = _appositive_body(head, ctx)
    if body is not None:
        return describe(body, ctx)  # "Germany's financial regulator, BaFin, said"
    poss = [c for c in head.lefts if c.dep_ == "poss"]
    plural = head.tag_ == "NNS"
    if poss:
        owner = describe(poss[0], ctx)
        if owner is None:
            return None
        own = [t for t in flat_left(head) if t.dep_ != "poss" and t.head.i == head.i]
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
        (head.lower_ in ctx.lexicon.anaphoric_nouns or _names_a_firm(head, ctx))
        and has_det_the
        and not any(t.tag_ in NAME_TAGS or lookup_actor(t.text) for t in mods)
    ):
        media = head.lower_ in ctx.lexicon.media_nouns
        hints = ctx.lexicon.media_words if media else frozenset()
        antecedent = (
            ctx.mentions.group_like(head.lower_, hints)
            or organisation_in_sentence(head)
            or (None if media else ctx.mentions.last_group_speaker())
        )
        if antecedent is None and not media:
            # '"CPSC staff believe ...," the agency said'; else the last body named
            antecedent = named_organisation(head) or ctx.mentions.last_body()
        if antecedent is not None:
            return antecedent
    speaker = text_of([*mods, head]) if mods else head.text
    actor = actor_in(mods, ctx) or appositive_actor(head, ctx)
    # a role word the tagger took for a name ("a foreign Ministry spokesman") names nobody,
    # nor does a minister's portfolio ("the Brexit secretary")
    portfolio = role_of(speaker) is not None and is_bare_title(head, speaker)
    names = [t for t in mods if t.tag_ in NAME_TAGS and role_of(t.text) is None and not portfolio]
    if actor is None and names:
        actor = lookup_actor(text_of(names)) or text_of(names)
    own_role = role_of(head.text)
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
    role = role_of(speaker)
    if actor is None and role is not None and role.speaks_for in ("court", "office"):
        actor = represented(role, head, mods, ctx)  # "a judge in Ohio", "prosecutors in Lisbon"
    if actor is None and head.lower_ in ctx.lexicon.representative_roles:
        role_owner = _role_owner(head, ctx)
        if role_owner is not None:
            prep, party = role_owner
            return Party(f"{speaker} {prep} {party.name}", party.actor, False, plural)
    if actor is None and not names and is_bare_title(head, speaker):
        return bare_title(head, speaker, _role_owner(head, ctx), ctx)
    if actor is None and role is not None and role.speaks_for == "client":
        actor = represented(role, head, mods, ctx)  # "a lawyer representing Dan Lee"
    if actor is None and head.lower_ in ctx.lexicon.government_roles:
        actor = ctx.mentions.last_country_speaker()  # "the foreign ministry said"
    if actor is None and head.lower_ in _UNNAMED_OFFICIALS:
        actor = ctx.mentions.home_country()  # "officials warned ...": the story's country
    if actor is None:
        actor = _body_named_after(head, ctx)  # "organisers of the Riverside Marathon"
    one_person = not plural and head.lower_ in ctx.lexicon.person_nouns
    if actor is None:
        actor = unnamed(speaker) if _names_nobody(head, ctx) else speaker
    return Party(speaker, actor, is_person=one_person, plural=plural)


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
        or _names_a_firm(head, ctx)
        or (role is not None and role.note == "head or voice of an organisation")
    ):
        return None
    for c in head.rights:
        if (
            c.dep_ == "appos"
            and c.nbor(-1).text != "("
            and c.tag_ in NAME_TAGS
            and (c.ent_type_ == "ORG" or (not c.ent_type_ and lookup_actor(c.text) is not None))
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


def _names_a_firm(word: Token, ctx: Context) -> bool:
    low = word.lower_
    return word.tag_ in ("NN", "NNS") and (
        low in ctx.lexicon.organisation_nouns or low.endswith("maker")
    )


def _role_owner(role: Token, ctx: Context) -> tuple[str, Party] | None:
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

"""Who speaks: the subject of a reporting cue, expanded to a name and tied to an actor."""

from __future__ import annotations

from spacy.tokens import Token

from services.actors import lookup_actor, role_of
from services.extraction.acronyms import bracketed_name
from services.extraction.affiliations import (
    actor_in,
    appositive_actor,
    author_of,
    gender_of,
    role_organisation,
)
from services.extraction.common_nouns import describe_common, names_a_firm, role_owner
from services.extraction.context import Context
from services.extraction.kin import kin_epithet
from services.extraction.lexicon import inflections
from services.extraction.mentions import Party
from services.extraction.noun_phrases import (
    NAME_TAGS,
    TIMES,
    appositive_name,
    flat_left,
    name_tail,
    name_tokens,
    own_name,
    text_of,
)
from services.extraction.office_holders import is_office_holder, office_actor
from services.extraction.parties import party_label
from services.extraction.represents import represented, role_in
from services.extraction.titles import (
    BODY_ROLES,
    bare_title,
    full_name_later,
    government_country,
    is_bare_title,
    national_role,
    title_holder,
)

_TITLE_ABBREVIATIONS = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "pres": "president",
    "amb": "ambassador",
    "atty": "attorney",
}
_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "his", "its", "their", "them"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "you"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP", "CD"})
# Verbs whose object did what follows: "prompted the minister to denounce" (he denounced);
# "urged the minister to deny" is not among them (he has not, yet).
CAUSING = frozenset(
    {f for v in ("prompt", "cause", "force", "spur", "provoke") for f in inflections(v)}
    | {"lead", "leads", "led", "leading", "drive", "drives", "drove", "driven", "driving"}
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
    named = [c for c in subjects[1:] if c.ent_type_ == "PERSON" and c.i - 1 == subjects[0].i]
    if named:
        return named[0], True  # "football star Neymar denied": the parser made both subjects
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
    if cue.dep_ == "xcomp" and head.lower_ in CAUSING:
        objs = [c for c in head.children if c.dep_ == "dobj"]
        if objs:
            return objs[0], True  # "the decision prompted the minister to denounce it"
    if cue.dep_ in _CLIMB_DEPS and depth < 3 and head.i != cue.i:
        # "... but has warned of" (conj), "saying that ..." (advcl): the head's subject speaks
        return subject_of(cue.head, depth=depth + 1)
    for c in cue.rights:
        # inverted: ", says US official"; "announced this week" names a time, not a speaker
        if c.dep_ in ("nsubj", "npadvmod") and c.tag_ in _NOUN_TAGS and c.lower_ not in TIMES:
            return c, True
    return None, False


def speakers_of(head: Token, ctx: Context) -> list[Party]:
    """One party per conjoined speaker ("China and Russia said")."""
    named = _described_name(head)
    if named is not None:
        head = named  # "PSG and Brazil superstar Neymar denies": Neymar, described
        party = describe(head, ctx)
        return [party] if party is not None else []
    heads = [head] + [c for c in head.children if c.dep_ == "conj" and _another(c)]
    if _title_before_name(head, heads[1:]):
        heads = heads[-1:]  # "Chairman and CEO Ann Lee": both titles are hers, one speaker
    heads += _listed_with(head)
    parties = [describe(h, ctx) for h in heads]
    return [p for p in parties if p is not None]


def _role_in_apposition(head: Token) -> bool:
    return any(
        c.dep_ == "appos"
        and c.tag_ == "NN"
        and c.lower_ not in BODY_ROLES
        and (role_of(text_of([*flat_left(c), c])) is not None or role_of(c.text) is not None)
        for c in head.rights
    )


def _another(conj: Token) -> bool:
    """Whether a conjunct is a speaker of its own: not the rest of one name ("Johnson &
    Johnson") nor of a hyphenated word the tokenizer split ("a dairy co-op")."""
    if conj.tag_ not in _NOUN_TAGS:
        return False
    before = conj.doc[conj.i - 1]
    return not (before.text == "&" or (before.text == "-" and not before.whitespace_))


def _title_before_name(head: Token, joined: list[Token]) -> bool:
    """A bare title joined to a titled name ("Chairman and CEO Ann Lee"), no one of its own."""
    titles = [head, *joined[:-1]]
    return (
        bool(joined)
        and all(t.ent_type_ != "PERSON" and role_of(t.text) is not None for t in titles)
        and not any(c.dep_ in ("poss", "det") for c in head.children)
        and joined[-1].ent_type_ == "PERSON"
        and joined[-1].i > head.i
    )


def _listed_with(head: Token) -> list[Token]:
    """ "Ann Lee, Tom Reed, Ivo Marr and Eva Sund said": the parser makes the second name an
    appositive of the first and hangs the rest on it; a list of names, not one described."""
    if head.ent_type_ != "PERSON":
        return []
    names = [c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
    rest = [g for c in names for g in c.children if g.dep_ == "conj" and g.ent_type_ == "PERSON"]
    listed = any(c.dep_ == "conj" and c.ent_type_ == "PERSON" for c in head.children)
    return [*names, *rest] if names and (rest or listed or len(names) > 1) else []


def _described_name(head: Token) -> Token | None:
    """The name that ends "Club and Country star NAME": the parser makes the club the subject,
    the country a conjunct and the name their appositive, with no comma before it (which a
    true appositive has: "PSG, the club, said")."""
    conj = [c for c in head.children if c.dep_ == "conj"]
    for c in head.children:
        if (
            c.dep_ == "appos"
            and c.tag_ in ("NNP", "NNPS")
            and conj
            and c.i > max(t.i for t in conj)
            and c.i > 0
            and c.nbor(-1).text != ","
        ):
            return c
    return None


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
    if is_office_holder(name):  # "Lavrov: ..." headlines
        return Party(name, office_actor(ctx, name) or name, is_person=True)
    return Party(name, name, is_person=False)


def describe(head: Token, ctx: Context) -> Party | None:
    """Resolve a speaker noun to a Party: pronouns, surnames, titles, appositives, metonyms."""
    low = head.lower_
    if head.text.isupper() and len(head.text) > 1 and head.tag_ not in _NOUN_TAGS:
        acronym = lookup_actor(head.text)  # "WHO warns ...": tagged as the pronoun "who"
        if acronym is not None:
            return Party(head.text, acronym, is_person=False)
    if low in _FIRST_PERSON and head.tag_ in ("PRP", "PRP$"):  # "US" is no "us"
        return None
    spelled = bracketed_name(head, ctx.mentions.text)
    if spelled is not None:
        name, abbreviation = spelled
        return Party(name, lookup_actor(name) or lookup_actor(abbreviation) or name, False)
    if low in _PRONOUNS or head.tag_ in ("PRP", "PRP$"):
        if low in ("he", "she"):
            earlier = _subject_person_before(head, ctx)
            if earlier is not None:
                return describe(earlier, ctx)
        return ctx.mentions.pronoun(low)
    if _age_epithet(head):
        return ctx.mentions.last_person()  # "the 62-year-old said": the person last named
    relative = kin_epithet(head, ctx)
    if relative is not None:
        return relative
    numbered = [c for c in head.rights if c.dep_ == "nummod" and c.i == head.i + 1]
    if numbered and lookup_actor(f"{head.text} {numbered[0].text}") is not None:
        name = f"{head.text} {numbered[0].text}"  # "Number 10" is a seat of government
        return Party(name, lookup_actor(name) or name, is_person=False)
    if low in ctx.lexicon.documents and head.tag_ in ("NN", "NNS"):
        author = author_of(head)
        if author is not None:
            return describe(author, ctx)
        if low in _OWN_DOCUMENTS and any(c.lower_ == "the" for c in head.lefts):
            # "the statement said", once the article has said whose statement it is: the body
            # that spoke last (a report or a study may be anyone's, and stays no one's)
            return ctx.mentions.last_group_speaker()
        return None
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
    if appos_person is not None and appos_person.head == head and head.tag_ in ("NN", "NNS"):
        # "the French singer Marie Dubois", "another woman who was there, Jane Roe,": the
        # person named; the noun before is her description (a private voice's says no actor)
        return _named(appos_person, ctx, extra_descriptors=[*flat_left(head), head])
    if any(c.dep_ == "poss" for c in head.lefts) and head.ent_type_ != "PERSON":
        if _owned_name(head, ctx):
            return _named(head, ctx)  # "Norway's Acme Shipping": the company speaks for itself
        return describe_common(head, ctx)  # "Iran's foreign ministry": the owner speaks through it
    if head.tag_ in NAME_TAGS or (head.is_title and is_office_holder(head.text)):
        return _named(head, ctx)  # "Guterres" tagged a plural noun is still the person
    return describe_common(head, ctx)


def _named(head: Token, ctx: Context, extra_descriptors: list[Token] | None = None) -> Party:
    name_toks, descriptors = name_tokens(head, ctx)
    descriptors = (extra_descriptors or []) + descriptors
    name = text_of(name_toks)
    if is_bare_title(head, text_of([*descriptors, *name_toks])):
        return bare_title(head, text_of([*descriptors, *name_toks]), role_owner(head, ctx), ctx)
    own_role = role_of(name) if len(name_toks) == 1 else None
    if own_role is not None and own_role.role.split()[-1] == head.lower_:
        holder = title_holder(name, ctx)  # "the Governor's office": the governor named before
        if holder is not None and not any(ctx.lexicon.lemma(w) for w in holder.name.split()):
            return holder  # (a Title Case headline's "Prosecutor Says ..." names no one)
    has_title = any(t.lower_.rstrip(".") in ctx.lexicon.personal_titles for t in descriptors[-2:])
    is_person = head.ent_type_ == "PERSON" or has_title or ctx.mentions.person(name) is not None
    # "Ann Lee, Ruritania's government spokesperson,": a role in apposition names a person
    is_person = is_person or _role_in_apposition(head)
    is_person = is_person and name not in ctx.mentions.listed()  # a ticker makes it a company
    if (
        descriptors
        and descriptors[-1].i == name_toks[0].i - 1
        and names_a_firm(descriptors[-1], ctx)
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
    if not is_person and is_office_holder(name) and lookup_actor(name) is None:
        is_person = True  # "Macron" tagged as a place: the knowledge base knows the person
    if not is_person:
        run = list(name_toks)
        for t in reversed(descriptors):
            if t.i != run[0].i - 1 or t.tag_ not in NAME_TAGS:
                break
            run.insert(0, t)  # "National Weather Service": adjectives are part of an org's name
        run += name_tail(run[-1])
        full = own_name(text_of(run))
        actor = lookup_actor(full) or lookup_actor(name) or full
        return Party(name=full, actor=actor, is_person=False)
    written = name
    known = ctx.mentions.person(name)
    if known is not None and len(name_toks) == 1:
        name = known.name  # a bare surname: the person named earlier
    elif known is None and len(name_toks) == 1:
        name = spelled_out or full_name_later(name, ctx) or name
    ctx.mentions.note_gender(name, gender_of(descriptors, ctx))
    tied = (
        party_label(name_toks[-1], descriptors)
        or actor_in(descriptors, ctx)
        or appositive_actor(head, ctx)
    )
    held = role_in(descriptors)
    if tied is None and held is not None:
        tied = represented(held[0], head, descriptors, ctx)  # "Judge Ann Lee": her court
    roles = {t.lower_.rstrip(".") for t in descriptors} & ctx.lexicon.government_roles
    if held is not None:
        roles.add(held[0].role.split()[-1])  # "the judge said", "the manager said" later
    # "Gov. Ann Lee": "the governor's office" later is hers (the abbreviation names her role
    # for references back only, not whom she speaks for)
    abbreviated = {_TITLE_ABBREVIATIONS.get(t.lower_.rstrip(".")) for t in descriptors}
    ctx.mentions.note_roles(name, roles | {r for r in abbreviated if r is not None})
    if tied is not None:
        ctx.memory.remember(name, tied)
        return Party(name=name, actor=tied, is_person=True)
    # a surname seen first on its own (a headline) was taken to speak for itself: that
    # teaches nothing, so the people memory still decides
    known_actor = known.actor if known is not None and known.actor != known.name else None
    speaks_for = known_actor or ctx.memory.actor_of(name)
    if speaks_for is None:
        # a well-known office holder the article does not place ("Trump warned"), or places
        # only as "former" what they no longer are: the office held on the article's date
        speaks_for = office_actor(ctx, name, written)
    # "France midfielder X", "pop star X": a private voice; a senator or a former envoy
    # still counts for the country that spoke last, as annotators read them
    own_voice = held is not None and held[0].note == "private voice"
    if speaks_for is None and roles and not own_voice:
        speaks_for = ctx.mentions.last_country_speaker()  # "foreign ministry spokesman X"
    if speaks_for is None and national_role(text_of(descriptors)) is not None:
        speaks_for = government_country(ctx)  # "Health Secretary Ann Lee": her country's
    return Party(name=name, actor=speaks_for or name, is_person=True)


def _age_epithet(head: Token) -> bool:
    """ "the 62-year-old" (tokenised "62 - year - old"): a person the article named before."""
    doc, i = head.doc, head.i
    return (
        head.lower_ == "old"
        and i >= 4
        and doc[i - 1].text == "-"
        and doc[i - 2].lower_ in ("year", "years")
        and doc[i - 4].like_num
        and doc[i - 5].lower_ == "the"
    )


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


# documents a body issues about itself
_OWN_DOCUMENTS = frozenset({"statement", "communique", "release", "notice", "memo", "message"})


def _subject_person_before(pronoun: Token, ctx: Context) -> Token | None:
    """ "While Gov. Ann Lee confirmed ..., she cautioned": a person subject earlier on; a
    surname the recogniser missed counts when the article named the person ("Combs, 55,
    faces charges in New York, where he has pleaded not guilty")."""
    found = None
    for t in pronoun.sent:
        if t.i >= pronoun.i:
            break
        if t.dep_ != "nsubj":
            continue
        if t.ent_type_ == "PERSON" or (t.tag_ == "NNP" and ctx.mentions.person(t.text)):
            found = t
    return found

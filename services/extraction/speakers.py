"""Who speaks: the subject of a reporting cue, expanded to a name and tied to an actor."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from services.extraction.actor_lookup import lookup_actor
from services.extraction.lexicon import Lexicon
from services.extraction.mentions import Mentions, Party, PeopleMemory

_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "his", "its", "their", "them"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "you"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_NAME_TAGS = frozenset({"NNP", "NNPS"})
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP", "CD"})
_DROP_DEPS = frozenset(
    {"det", "punct", "nummod", "quantmod", "predet", "advmod", "cc", "case", "prep"}
)
_UNNAMED_OFFICIALS = frozenset({"official", "officials", "authorities", "government"})
_CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp", "ccomp"})


@dataclass(frozen=True)
class Context:
    lexicon: Lexicon
    mentions: Mentions
    memory: PeopleMemory


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
        author = _author_of(head)
        return describe(author, ctx) if author is not None else None
    if low in ctx.lexicon.non_speakers or head.tag_ not in _NOUN_TAGS:
        return None
    appos_person = _appositive_name(head)
    if appos_person is not None and low in ctx.lexicon.representative_roles:
        # "the Kremlin's spokesman, Dmitry Peskov": the name is in the appositive
        party = _named(appos_person, ctx, extra_descriptors=_flat_left(head))
        if party.actor == party.name:
            role_actor = _appositive_actor_of_role(head, ctx)
            if role_actor is not None:
                ctx.memory.remember(party.name, role_actor)
                party = Party(party.name, role_actor, is_person=True)
        return party
    if any(c.dep_ == "poss" for c in head.lefts) and head.ent_type_ != "PERSON":
        return _common(head, ctx)  # "Iran's foreign ministry": the owner speaks through it
    if head.tag_ in _NAME_TAGS:
        return _named(head, ctx)
    return _common(head, ctx)


def _left_mods(head: Token) -> list[Token]:
    return [t for t in head.lefts if t.dep_ not in _DROP_DEPS or t.tag_ == "HYPH"]


def _flat_left(head: Token) -> list[Token]:
    """The head's left modifiers in text order, including their own modifiers."""
    out: list[Token] = []
    for mod in _left_mods(head):
        out.extend(
            t
            for t in mod.subtree
            if t.i < head.i and (t.dep_ not in ("det", "punct") or t.tag_ == "HYPH")
        )
    return sorted(set(out), key=lambda t: t.i)


def _appositive_name(head: Token) -> Token | None:
    """ "the spokesman (of X), Jane Roe,": a person's name in apposition after a role noun."""
    for c in head.subtree:
        if c.i <= head.i or c.dep_ != "appos" or c.tag_ not in _NAME_TAGS:
            continue
        two_word = any(g.dep_ == "compound" and g.tag_ in _NAME_TAGS for g in c.lefts)
        if c.ent_type_ == "PERSON" or (two_word and lookup_actor(c.text) is None):
            return c
    return None


def _name_tokens(head: Token, ctx: Context) -> tuple[list[Token], list[Token]]:
    """Split "Kremlin spokesman Dmitry Peskov" into the name and the descriptor tokens."""
    left = _flat_left(head)
    name = [head]
    for t in reversed(left):
        if t.i != name[0].i - 1:
            break
        word = t.lower_.rstrip(".")
        if t.tag_ not in _NAME_TAGS and t.text != "-" and t.tag_ != "HYPH":
            break
        if word in ctx.lexicon.titles or lookup_actor(t.text) is not None:
            break
        name.insert(0, t)
    descriptors = [t for t in left if t.i < name[0].i]
    # "Meaney-Delman": keep hyphenated right parts
    right = head
    while (
        right.i + 2 < len(right.doc)
        and right.nbor(1).text == "-"
        and right.nbor(2).tag_ in _NAME_TAGS
    ):
        name += [right.nbor(1), right.nbor(2)]
        right = right.nbor(2)
    return name, descriptors


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


def _named(head: Token, ctx: Context, extra_descriptors: list[Token] | None = None) -> Party:
    name_toks, descriptors = _name_tokens(head, ctx)
    descriptors = (extra_descriptors or []) + descriptors
    name = _text(name_toks)
    has_title = any(t.lower_.rstrip(".") in ctx.lexicon.personal_titles for t in descriptors[-2:])
    is_person = head.ent_type_ == "PERSON" or has_title or ctx.mentions.person(name) is not None
    if head.ent_type_ in ("ORG", "GPE", "NORP", "FAC", "LOC") or lookup_actor(name) is not None:
        is_person = (
            is_person and lookup_actor(name) is None and head.ent_type_ not in ("GPE", "NORP")
        )
    if not is_person:
        run = list(name_toks)
        for t in reversed(descriptors):
            if t.i != run[0].i - 1 or t.tag_ not in _NAME_TAGS:
                break
            run.insert(0, t)  # "National Weather Service": adjectives are part of an org's name
        full = _text(run)
        actor = lookup_actor(full) or lookup_actor(name) or full
        return Party(name=full, actor=actor, is_person=False)
    known = ctx.mentions.person(name)
    if known is not None and len(name_toks) == 1:
        name = known.name  # a bare surname: the person named earlier
    ctx.mentions.note_gender(name, _gender(descriptors, ctx))
    tied = _actor_from(descriptors, ctx) or _appositive_actor(head, ctx)
    roles = {t.lower_.rstrip(".") for t in descriptors} & ctx.lexicon.government_roles
    ctx.mentions.note_roles(name, roles)
    if tied is not None:
        ctx.memory.remember(name, tied)
        return Party(name=name, actor=tied, is_person=True)
    speaks_for = (known.actor if known else None) or ctx.memory.actor_of(name)
    if speaks_for is None and roles:
        speaks_for = ctx.mentions.last_country_speaker()  # "foreign ministry spokesman X"
    return Party(name=name, actor=speaks_for or name, is_person=True)


def _subject_person_before(pronoun: Token) -> Token | None:
    """ "While Gov. Ann Lee confirmed ..., she cautioned": a person subject earlier on."""
    found = None
    for ent in pronoun.doc.ents:
        if ent.label_ == "PERSON" and ent.end <= pronoun.i and ent.root.dep_ == "nsubj":
            found = ent.root
    return found


def _author_of(document: Token) -> Token | None:
    """ "a story published by the Daily Mail", "the ministry's statement": who wrote it."""
    for c in document.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "acl":
            for g in c.children:
                if g.dep_ == "agent":
                    return next((o for o in g.children if o.dep_ == "pobj"), None)
    return None


def _organisation_in_sentence(head: Token) -> Party | None:
    """ "the party said: 'The Labour Party ...'": an organisation with that noun in the sentence."""
    for ent in head.doc.ents:
        if ent.label_ == "ORG" and head.lower_ in ent.text.lower().split():
            name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            return Party(name, lookup_actor(name) or name, is_person=False)
    return None


def _gender(descriptors: list[Token], ctx: Context) -> str | None:
    """ "Mr", "spokesman" -> m; "Ms", "spokeswoman" -> f; most titles say nothing."""
    for t in reversed(descriptors):
        word = t.lower_.rstrip(".")
        if word in ctx.lexicon.male_titles:
            return "m"
        if word in ctx.lexicon.female_titles:
            return "f"
    return None


def _actor_from(tokens: list[Token], ctx: Context) -> str | None:
    """An actor named among descriptor words: "Kremlin", "Chinese", "North Carolina Gov."."""
    runs: list[list[Token]] = []
    for t in tokens:
        if (
            runs
            and t.i == runs[-1][-1].i + 1
            and t.tag_ in _NAME_TAGS
            and runs[-1][-1].tag_ in _NAME_TAGS
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
                    found = lookup_actor(_text(seq[i : i + size]))
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
            and all(
                t.tag_ in _NAME_TAGS and t.lower_.rstrip(".") not in ctx.lexicon.titles
                for t in words
            )
        ):
            return _text(words)
    return None


def _appositive_actor(head: Token, ctx: Context) -> str | None:
    """ "X, senior fellow at the Y Institute": the organisation in the appositive."""
    for c in head.rights:
        if c.dep_ != "appos":
            continue
        found = _actor_from(_flat_left(c), ctx)
        if found is not None:
            return found
        for t in c.subtree:
            if t.dep_ == "pobj" and t.head.lower_ in ("at", "of", "for", "with", "from"):
                org = _org_name(t, ctx)
                if org is not None:
                    return org
    return None


def _appositive_actor_of_role(role: Token, ctx: Context) -> str | None:
    """ "the spokesman of Iran's armed forces": the organisation the role belongs to."""
    for c in role.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "at", "for"):
            for t in c.children:
                if t.dep_ == "pobj":
                    return _org_name(t, ctx)
    return None


def _org_name(tok: Token, ctx: Context) -> str | None:
    for t in [tok, *tok.children]:
        if t.dep_ == "poss" and t.tag_ in _NAME_TAGS:
            return lookup_actor(t.text) or t.text
    if tok.tag_ in _NAME_TAGS or tok.ent_type_ in ("ORG", "GPE"):
        name_toks, _ = _name_tokens(tok, ctx)
        # "the Nordic Energy Forum": capitalised adjectives belong to the name
        parts = [t for t in _flat_left(tok) if t.tag_ in _NAME_TAGS or t.is_title] + [tok]
        name = _text(parts) if parts else _text(name_toks)
        return lookup_actor(name) or name
    return None


def _common(head: Token, ctx: Context) -> Party | None:
    """A common-noun speaker: "A US official", "the party", "his office", "Chinese officials"."""
    poss = [c for c in head.lefts if c.dep_ == "poss"]
    plural = head.tag_ == "NNS"
    if poss:
        owner = describe(poss[0], ctx)
        if owner is None:
            return None
        noun = _text(
            [t for t in _flat_left(head) if t.dep_ != "poss" and t.head.i == head.i] + [head]
        )
        return Party(f"{owner.name}'s {noun}", owner.actor, is_person=False, plural=plural)
    mods = _flat_left(head)
    has_det_the = any(c.dep_ == "det" and c.lower_ == "the" for c in head.lefts)
    if (
        head.lower_ in ctx.lexicon.anaphoric_nouns
        and has_det_the
        and not any(t.tag_ in _NAME_TAGS or lookup_actor(t.text) for t in mods)
    ):
        media = head.lower_ in ctx.lexicon.media_nouns
        hints = ctx.lexicon.media_words if media else frozenset()
        antecedent = (
            ctx.mentions.group_like(head.lower_, hints)
            or _organisation_in_sentence(head)
            or (None if media else ctx.mentions.last_group_speaker())
        )
        if antecedent is not None:
            return antecedent
    speaker = _text([*mods, head]) if mods else head.text
    actor = _actor_from(mods, ctx) or _appositive_actor(head, ctx)
    names = [t for t in mods if t.tag_ in _NAME_TAGS]
    if actor is None and names:
        actor = lookup_actor(_text(names)) or _text(names)
    if actor is None and head.lower_ in ctx.lexicon.representative_roles:
        role_owner = _role_owner(head, ctx)
        if role_owner is not None:
            prep, party = role_owner
            return Party(f"{speaker} {prep} {party.name}", party.actor, False, plural)
    if has_det_the and not mods and head.lower_ in ctx.lexicon.government_roles:
        earlier = ctx.mentions.person_with_role(head.lower_)
        if earlier is not None:
            return earlier  # "the spokesperson said": the spokesperson named before
    if actor is None and head.lower_ in ctx.lexicon.government_roles:
        actor = ctx.mentions.last_country_speaker()  # "the foreign ministry said"
    if actor is None and head.lower_ in _UNNAMED_OFFICIALS:
        actor = ctx.mentions.home_country()  # "officials warned ...": the story's country
    return Party(speaker, actor or speaker, is_person=False, plural=plural)


def _role_owner(role: Token, ctx: Context) -> tuple[str, Party] | None:
    """ "a spokesperson for the company", "officials in Kyiv": whom the role belongs to."""
    for c in role.children:
        if c.dep_ != "prep" or c.lower_ not in ("for", "of", "at", "in", "from", "with"):
            continue
        for obj in c.children:
            if obj.dep_ != "pobj":
                continue
            if obj.tag_ in _NAME_TAGS or obj.ent_type_ in ("ORG", "GPE", "NORP"):
                name = _org_name(obj, ctx)
                if name is not None:
                    shown = _text([t for t in obj.subtree if t.dep_ != "det"])
                    return c.text, Party(shown, name, is_person=False)
            if obj.lower_ in ctx.lexicon.anaphoric_nouns:
                owner = describe(obj, ctx)  # "a spokesperson for the company"
                if owner is not None and not owner.is_person and owner.actor != obj.text:
                    return c.text, owner
    return None

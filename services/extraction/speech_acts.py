"""Speech acts in one parsed sentence: reporting verbs, "issued a warning", "according to"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from schemas.claims import ClaimType
from services.actors import role_of
from services.extraction.classify import aimed_at_allegation, type_of_content
from services.extraction.context import Context
from services.extraction.lexicon import ADVISORY, CONTENT, Lexicon
from services.extraction.mentions import Party
from services.extraction.naming import names_a_thing
from services.extraction.speakers import (
    CAUSING,
    describe,
    speaker_named,
    speakers_of,
    subject_of,
)

_COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "parataxis", "dative", "oprd", "acomp"})
# Verbs with other common senses ("added 500 jobs", "noted for"): a speech act only with a clause.
_NEEDS_CLAUSE = frozenset(
    {
        "add",
        "note",
        "report",
        "describe",
        "question",
        "repeat",
        "estimate",
        "forecast",
        "write",
        "state",
        "maintain",
        "signal",
        "order",
        "reveal",
        "recall",
        "express",
        "predict",
        "demand",
        "claim",
        "call",
    }
)
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
# Verbs that avow a stance: with "innocence" as object they deny the charge.
_AVOWALS = frozenset({"maintain", "protest", "proclaim", "profess", "assert", "insist"})


@dataclass
class SpeechAct:
    cue: Token | None  # the verb (None for "according to")
    cue_text: str
    verb_type: str
    parties: list[Party]
    content: list[Token]  # what is said, in text order
    heads: list[Token]  # proposition heads to type one by one (conjoined clauses)


def _on_notice(verb: Token) -> Token | None:
    """ "put X on notice": the notice is the warning."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "on":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lower_ == "notice":
                    return obj
    return None


def find_speech_acts(
    doc: Doc, ctx: Context, in_quote: list[bool], *, headline: bool = False, original: str = ""
) -> list[SpeechAct]:
    """Every speech act whose cue lies outside direct quotes, before chain folding.
    `original` is the sentence as written (the parser's copy has its scare quotes blanked)."""
    acts: list[SpeechAct] = []
    lex = ctx.lexicon
    quoting = original or doc.text
    colon = (
        _colon_headline(doc, ctx, quoting) or _trailing_speaker(doc, ctx, quoting)
        if headline
        else None
    )
    quoted = long_quotes(in_quote)
    for tok in doc:
        if quoted[tok.i]:
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            act = _according(tok, doc[tok.i + 1], ctx)
        elif tok.tag_.startswith("VB") and lex.lemma(tok.text) is not None:
            act = _verb_act(tok, ctx, has_quote=any(in_quote), quoted=in_quote)
        elif tok.tag_.startswith("VB") and (phrase := _phrasal(tok, lex)) is not None:
            act = _verb_act(tok, ctx, has_quote=any(in_quote), phrasal=phrase, quoted=in_quote)
        else:
            act = None
        if act is not None and act.parties:
            acts.append(act)
            for party in act.parties:
                # known at once, so "X said he denies" resolves "he" to X
                ctx.mentions.spoke(party)
    if colon is not None and not acts:
        acts.append(colon)  # only when the content has no reporting verb of its own
    return fold_chains(acts)


# A quote this short (three words and its marks) around a verb is the writer's scare quote
# ('Lee "strenuously denies" the allegations'): the verb is still the sentence's cue.
_SCARE_QUOTE_TOKENS = 5


def long_quotes(in_quote: list[bool]) -> list[bool]:
    """`in_quote` without the runs of at most _SCARE_QUOTE_TOKENS tokens."""
    out = list(in_quote)
    i = 0
    while i < len(out):
        if not out[i]:
            i += 1
            continue
        j = i
        while j < len(out) and in_quote[j]:
            j += 1
        if j - i <= _SCARE_QUOTE_TOKENS:
            out[i:j] = [False] * (j - i)
        i = j
    return out


# verbs whose "what X <verb>s" names an allegation someone answers, not an act reported here
_CITED = frozenset({"describe", "allege", "claim", "accuse", "suggest", "report", "portray"})


def _refused(verb: Token) -> bool:
    """A reporting verb negated ("did not say", "would not comment", "never denied")."""
    return any(c.dep_ == "neg" for c in verb.children)


def _went_on(verb: Token) -> bool:
    return verb.lower_ in ("go", "goes", "went", "going", "gone") and any(
        c.dep_ == "prt" and c.lower_ == "on" for c in verb.children
    )


def _speech_noun(verb: Token, lex: Lexicon) -> Token | None:
    """ "issued a warning": the speech noun a light verb takes as its object."""
    return next(
        (
            c
            for c in verb.children
            if c.dep_ in ("dobj", "nsubjpass") and c.lower_ in lex.speech_nouns
        ),
        None,
    ) or _misparsed_speech_noun(verb, lex)


def _phrasal(verb: Token, lex: Lexicon) -> str | None:
    """ "shot down", "hit back (at)": a phrasal cue made with one of the verb's particles."""
    for c in verb.children:
        if c.dep_ in ("prt", "advmod") and c.i > verb.i:
            phrase = lex.phrasal(verb.text, c.text)
            if phrase is not None:
                return phrase
    return None


def _verb_act(
    tok: Token,
    ctx: Context,
    *,
    has_quote: bool,
    phrasal: str | None = None,
    quoted: list[bool] | None = None,
) -> SpeechAct | None:
    lex = ctx.lexicon
    lemma = phrasal or lex.lemma(tok.text) or ""
    misread = _misread_as_auxiliary(tok, lex.verbs.get(lemma), ctx)
    if misread is not None:
        return misread
    if tok.dep_ in ("amod", "aux", "auxpass", "compound"):
        return None
    if _refused(tok):
        return None  # "police did not say where", "she never denied it": nothing was said
    if phrasal is not None and not aimed_at_allegation(tok, lex):
        return None  # "turned down the offer": no speech act; "turned down the rumours" is
    verb_type = lex.phrasal_verbs.get(lemma) if phrasal else lex.verbs.get(lemma)
    noun = _speech_noun(tok, lex) if lemma in lex.light_verbs else None
    if verb_type is not None and noun is not None and lex.speech_nouns[noun.lower_] == "content":
        noun = None  # "reported a statement": the reporting verb's own act
    if lemma in lex.light_verbs and (verb_type is None or noun is not None):
        # "reported alerts for air strikes": a reporting verb whose object names the act
        if noun is None:
            noun = _on_notice(tok) if lemma == "put" else None
            if noun is None:
                return None
            verb_type = ClaimType.WARNING.value  # "put the gangs on notice"
        else:
            verb_type = lex.speech_nouns[noun.lower_]
        cue_text = f"{tok.text} {noun.text}"
        content = [t for t in noun.subtree]
        heads = [c for c in noun.children if c.dep_ in ("acl", "relcl") and c.tag_.startswith("VB")]
    else:
        if verb_type is None:
            return None
        deps = {c.dep_ for c in tok.children}
        if (
            tok.dep_ in ("xcomp", "pcomp")
            and tok.head.tag_.startswith("VB")
            and (lex.lemma(tok.head.text) is None)
            and tok.head.lower_ not in CAUSING  # "prompted the minister to denounce it": did
            and not _went_on(tok.head)  # "he went on to say that ...": he said it
        ):
            return None  # "refused to comment", "avoided criticising": no speech act took place
        if (
            tok.dep_ in ("relcl", "acl", "ccomp", "appos")
            and tok.head.lower_ in lex.allegation_nouns
            and tok.head.tag_.startswith("NN")
            and deps & {"ccomp", "dobj", "xcomp"}
            # "released a statement denying ...": the issuer's own act (_issuer)
            and not (tok.tag_ == "VBG" and tok.head.lower_ in lex.documents)
        ):
            return None  # "reports (that) X said ...": what a report alleges, not X's claim
        if (
            lemma in _CITED
            and tok.dep_ in ("ccomp", "pcomp", "pobj", "dobj")
            and any(c.dep_ == "dobj" and c.tag_ == "WP" and c.i < tok.i for c in tok.children)
        ):
            return None  # "he never did what the accuser describes": her words, cited
        if "agent" in deps:
            deps.add("ccomp")  # "was first reported by X": the agent's act needs no clause
        if lemma == "express" and any(
            c.dep_ == "dobj" and c.lower_ in lex.attitude_nouns for c in tok.children
        ):
            deps.add("ccomp")  # "expressed support/concern": a stance, stated
        if lemma in _AVOWALS and any(
            c.dep_ == "dobj" and c.lower_ in ("innocence", "innocency") for c in tok.children
        ):
            deps.add("ccomp")  # "maintains his innocence": the plea of the accused
            verb_type = ClaimType.DENIAL.value
        if _verdict(tok, lemma, lex):
            deps.add("ccomp")  # "called the claims lies", "described them as false"
        if (
            verb_type == CONTENT
            and (lemma in _NEEDS_CLAUSE or lemma in lex.clause_only)
            and not (deps & _CLAUSE_DEPS)
            and not has_quote
        ):
            return None
        if (
            verb_type == CONTENT
            and not (deps & _COMPLEMENT_DEPS)
            and not has_quote
            and tok.dep_ != "ROOT"
        ):
            return None
        cue_text = f"{tok.text} {phrasal.split()[1]}" if phrasal else tok.text
        content = _complement(tok)
        heads = _proposition_heads(tok)
        fronted = _fronted_act(tok, lex, quoted or [False] * len(tok.doc))
        if fronted:
            # "Kremlin says X, Kyiv says not responsible": the first act is the Kremlin's,
            # side by side with this one, not what Kyiv says
            content = sorted(
                [t for t in content if t.i not in fronted]
                + [c for c in tok.children if c.dep_ == "neg"],
                key=lambda t: t.i,
            )
            heads = [h for h in heads if h.i not in fronted]
    if _reduced_passive(tok, lemma) or _hearsay(tok, lemma) or names_a_thing(tok):
        return None
    subj, found = subject_of(tok)
    outer = _reporting_ancestor(tok, ctx) if tok.dep_ == "advcl" and tok.tag_ == "VBG" else None
    if outer is not None:
        subj, found = subject_of(outer)
    issuer = (_issuer(tok, ctx) or _agent_of_verdict(tok, ctx)) if subj is None else None
    if issuer is not None:
        subj, found = issuer, True
    if subj is None or not found:
        return None
    return SpeechAct(tok, cue_text, verb_type, speakers_of(subj, ctx), content, heads)


def _fronted_act(verb: Token, lex: Lexicon, quoted: list[bool]) -> set[int]:
    """Token indices of a speech act with its own speaker that the parser hung before this verb
    as its clause ("Kremlin says ..., Kyiv says ..."): another act, not this one's content. A
    quote's verb is what is said ('"I deny it," Lee said'), and so is a fronted verb of
    another kind ("Macron never suggested resigning, says his office")."""
    return {
        t.i
        for c in verb.children
        if c.dep_ == "ccomp"
        and c.i < verb.i
        and not quoted[c.i]
        and lex.lemma(c.text) is not None
        and lex.lemma(c.text) == lex.lemma(verb.text)  # "Macron never suggested it, says X"
        and any(g.dep_ == "nsubj" for g in c.children)
        for t in c.subtree
    }


def _misread_as_auxiliary(tok: Token, verb_type: str | None, ctx: Context) -> SpeechAct | None:
    """ "White House denies report Lee out": the parser took "denies" for an auxiliary of a bare
    verb ("report"); no reporting verb is an auxiliary, so the subject is the cue's."""
    head = tok.head
    if verb_type is None or tok.dep_ != "aux" or tok.tag_ != "VBZ":
        return None
    if head.tag_ not in ("VB", "VBP"):
        return None
    near = [*tok.children, *head.children]
    subject = next((c for c in near if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subject is None:
        return None
    content = list(tok.doc[tok.i + 1 : head.sent.end])
    return SpeechAct(tok, tok.text, verb_type, speakers_of(subject, ctx), content, [])


def _misparsed_speech_noun(verb: Token, lex: Lexicon) -> Token | None:
    """ "issued a storm warning": the parser may take "warning" for a participle on "storm"."""
    for obj in verb.children:
        if obj.dep_ != "dobj" or obj.i + 1 >= len(obj.doc):
            continue
        after = obj.doc[obj.i + 1]
        if after.head.i == obj.i and after.lower_ in lex.speech_nouns:
            return after
    return None


def _issuer(participle: Token, ctx: Context) -> Token | None:
    """ "Acme released a statement denying responsibility": whoever issued the document."""
    doc_noun = participle.head
    if (
        participle.dep_ != "acl"
        or participle.tag_ != "VBG"
        or doc_noun.lower_ not in ctx.lexicon.documents
        or doc_noun.dep_ != "dobj"
    ):
        return None
    verb = doc_noun.head
    for _ in range(3):  # "was quick to release a statement": up to the subject's verb
        subj, found = subject_of(verb)
        if subj is not None and found:
            return subj
        if verb.dep_ not in ("xcomp", "acomp", "conj"):
            break
        verb = verb.head
    return None


def _agent_of_verdict(participle: Token, ctx: Context) -> Token | None:
    """ "The charges, all denied by Reed,": a participle on an allegation, with its agent."""
    if (
        participle.dep_ != "acl"
        or participle.tag_ != "VBN"
        or participle.head.lower_ not in ctx.lexicon.allegation_nouns
    ):
        return None
    for c in participle.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _verdict(verb: Token, lemma: str, lex: Lexicon) -> bool:
    """ "called the claims lies", "called reports of a deal fake news" (which the parser may
    not see as a predicate), "described the reports as false": a verdict on what is named."""
    if lemma == "call":
        return any(
            c.dep_ == "oprd" or (c.dep_ == "dobj" and c.lower_ in lex.allegation_nouns)
            for c in verb.children
        )
    if lemma == "describe":
        return any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    return False


def _reporting_ancestor(participle: Token, ctx: Context) -> Token | None:
    """ "X denied a report that Y went there, saying ...": the parser hung "saying" on the
    reported clause; when that clause is embedded under a reporting verb, that verb's
    speaker is the one saying it."""
    head = participle.head
    if head.dep_ not in ("acl", "relcl", "ccomp") or ctx.lexicon.lemma(head.text) is not None:
        return None
    tok = head
    for _ in range(4):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.tag_.startswith("VB") and ctx.lexicon.lemma(tok.text) is not None:
            return tok
    return None


# Verbs that take an object before "to": "urged to flee" (no object) is a passive headline.
_OBJECT_CONTROL = frozenset({"urge", "advise", "warn", "order", "tell", "caution", "accuse"})


def _reduced_passive(tok: Token, lemma: str) -> bool:
    """ "Residents urged to flee", "Man accused of fraud": a participle with no agent or object."""
    deps = {c.dep_ for c in tok.children}
    if "agent" in deps:
        return False
    doc = tok.doc
    if (
        lemma in _OBJECT_CONTROL
        and tok.i + 2 < len(doc)
        and doc[tok.i + 1].lower_ == "to"
        and doc[tok.i + 2].tag_ == "VB"
    ):
        return True  # these verbs put their object before "to": none means passive
    if deps & {"dobj", "dative", "nsubjpass"}:
        return False
    has_aux = any(c.dep_ == "aux" for c in tok.children)
    return (
        tok.tag_ == "VBN"
        and not has_aux
        and tok.dep_ in ("acl", "ROOT")
        and lemma in _OBJECT_CONTROL
    )


def _hearsay(tok: Token, lemma: str) -> bool:
    """ "Acme said to weigh sale": "said to" reports rumour, nobody speaks."""
    doc = tok.doc
    return (
        lemma in ("say", "report")
        and tok.tag_ in ("VBD", "VBN")
        and tok.i + 2 < len(doc)
        and doc[tok.i + 1].lower_ == "to"
        and doc[tok.i + 2].tag_ == "VB"
    )


def _colon_headline(doc: Doc, ctx: Context, original: str) -> SpeechAct | None:
    """ "Kremlin: Moscow never asked for weapons": a headline naming its speaker before a colon;
    "Judge To Lee: ..." names its speaker and whom it is said to."""
    colon = next((t for t in doc if t.text == ":"), None)
    if colon is None or not 0 < colon.i <= 4 or colon.i + 3 > len(doc):
        return None
    prefix = doc[: colon.i]
    to = next((t for t in prefix if t.lower_ == "to" and t.i > 0), None)
    if to is not None:
        prefix = doc[: to.i]
    words = [t for t in prefix if t.is_alpha]
    owned = _owned_role(prefix, ctx)
    if owned is not None:  # "Bill Roe's attorney: 'My client is not guilty'"
        return _headline_act(owned, list(doc[colon.i + 1 :]), ctx, original)
    if not words or not all(t.text[0].isupper() for t in words):
        return None  # "Ukraine war: ..." is a rubric, not a speaker
    name = prefix.text
    if name.lower() in ctx.lexicon.rubrics or any(ctx.lexicon.lemma(t.text) for t in words):
        return None
    return _headline_act(speaker_named(name, ctx), list(doc[colon.i + 1 :]), ctx, original)


def _owned_role(prefix: Span, ctx: Context) -> Party | None:
    """ "Bill Roe's attorney", "Acme's chief executive": a role someone named holds."""
    head = prefix[-1]
    if role_of(head.lower_) is None or not any(c.dep_ == "poss" for c in head.children):
        return None
    return describe(head, ctx)


# "... 'baseless': Ruritania", "'No link' -- Acme Foods": the speaker named last, briefly
_TRAILING_MARKS = frozenset({":", "--", "—", "–"})
_TRAILING_MAX_TOKENS = 4


def _trailing_speaker(doc: Doc, ctx: Context, original: str) -> SpeechAct | None:
    """A headline that ends by naming who says it: "Claims 'exaggerated': India", "Catastrophe
    unfolding in the north: UN", "Japan to respond 'firmly' to speculation: finance chief"."""
    marks = [t for t in doc if t.text in _TRAILING_MARKS and t.i >= 3]
    if not marks:
        return None
    mark = marks[-1]
    suffix = doc[mark.i + 1 :]
    words = [t for t in suffix if t.is_alpha]
    if not words or len(suffix) > _TRAILING_MAX_TOKENS:
        return None
    name = suffix.text.strip()
    if any(ctx.lexicon.lemma(t.text) for t in words) or name.lower() in ctx.lexicon.rubrics:
        return None  # "..., Lee warns" has its own verb
    named = all(t.text[0].isupper() for t in words)
    if not named and role_of(name) is None:
        return None  # "Brexit: what happens next" is a rubric before a topic
    return _headline_act(speaker_named(name, ctx), list(doc[: mark.i]), ctx, original)


# An opening quote mark: a quote, not an apostrophe ("Neighbour's").
_OPENING_QUOTE = re.compile(r"(?:^|[\s(\[])['‘\"“]\w")


def _headline_act(
    party: Party, content: list[Token], ctx: Context, original: str
) -> SpeechAct | None:
    if not content:
        return None
    written = original[content[0].idx : content[-1].idx + len(content[-1].text) + 1]
    quoted = _OPENING_QUOTE.search(written) is not None
    # "Sarah Everard: officer arrested" names a topic; only a quote, or a denial or warning
    # in the speaker's voice, marks the name as the one speaking
    if not quoted and type_of_content(content, party, ctx.lexicon) == ClaimType.ASSERTION:
        return None
    heads = [t for t in content if t.dep_ == "ROOT" and t.tag_.startswith("VB")]
    return SpeechAct(None, ":", CONTENT, [party], content, heads)


def _according(tok: Token, to: Token, ctx: Context) -> SpeechAct | None:
    objs = [c for c in to.children if c.dep_ == "pobj"]
    if not objs:
        return None
    clause = tok.head
    skip = {t.i for t in tok.subtree}
    content = [t for t in clause.subtree if t.i not in skip]
    heads = [clause] if clause.tag_.startswith("VB") else []
    return SpeechAct(None, "according to", CONTENT, speakers_of(objs[0], ctx), content, heads)


def _complement(verb: Token) -> list[Token]:
    """What a cue verb reports: its clausal and object dependents, not its subject or conjuncts."""
    parts = [
        c
        for c in verb.children
        if c.dep_ in _COMPLEMENT_DEPS
        or (c.dep_ == "prep" and c.lower_ in ("of", "about", "against", "that", "as", "for"))
    ]
    if not parts:
        # ", X said" with the reported clause parsed elsewhere: take the rest of the sentence
        skip = {t.i for c in verb.children if c.dep_ in ("nsubj", "conj") for t in c.subtree}
        return [t for t in verb.sent if t.i not in skip and t.i != verb.i]
    return sorted({t for p in parts for t in p.subtree}, key=lambda t: t.i)


def _proposition_heads(verb: Token) -> list[Token]:
    """The reported clause and the clauses conjoined to it ("has not asked ... and has ...")."""
    heads: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("ccomp", "parataxis") or (c.dep_ == "xcomp" and c.tag_.startswith("VB")):
            heads.append(c)
            heads.extend(g for g in c.conjuncts if g.tag_.startswith("VB") and g.i > c.i)
    return heads


def fold_chains(acts: list[SpeechAct]) -> list[SpeechAct]:
    """ "X reported Y said": Y's claim only; "X said he denies": X's, typed by the inner verb."""
    drop: set[int] = set()
    for i, outer in enumerate(acts):
        if outer.cue is None:
            if outer.cue_text == "according to" and _relays(outer, acts):
                drop.add(i)  # "according to a reporter, X told Y ...": X's act, relayed
            continue
        inside = {t.i for t in outer.content}
        for j, inner in enumerate(acts):
            if i == j or inner.cue is None or inner.cue.i not in inside:
                continue
            if inner.cue.is_ancestor(outer.cue):
                continue  # the outer's content ran over the sentence; it hangs off the inner
            if _coordinated(outer.cue, inner.cue):
                continue  # "Tehran said X and Washington said Y": two acts side by side
            same = {p.actor for p in outer.parties} & {p.actor for p in inner.parties}
            if _is_relay(inner) and not _is_relay(outer):
                drop.add(j)  # "Iran said ..., the agency reported": the agency only relays
            elif same or outer.verb_type not in (CONTENT, ADVISORY):
                # "X said he denies": X's; "X denied Y said so": Y's words are what X disputes
                drop.add(j)
            else:
                drop.add(i)  # "Tasnim reported Iran said": the original speaker only
    return [a for k, a in enumerate(acts) if k not in drop]


def _relays(source: SpeechAct, acts: list[SpeechAct]) -> bool:
    """Whether what a source is said to say holds a speech act of someone else's."""
    inside = {t.i for t in source.content}
    ours = {p.actor for p in source.parties}
    return any(
        a.cue is not None and a.cue.i in inside and not ours & {p.actor for p in a.parties}
        for a in acts
    )


def _is_relay(act: SpeechAct) -> bool:
    """A media report of someone else's words ("Tasnim reported Iran said")."""
    return act.cue is not None and act.cue.lower_ in ("reported", "reports", "report", "reporting")


def _coordinated(outer: Token, inner: Token) -> bool:
    """Whether the inner cue hangs off the outer one's clause through a conjunction."""
    tok = inner
    while tok.i != outer.i and tok.head.i != tok.i:
        if tok.dep_ in ("conj", "advcl"):
            return True  # "X said A, while Y said B": side by side, not one inside the other
        tok = tok.head
    return False

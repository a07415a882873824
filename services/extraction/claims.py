"""Turning speech acts into Claims for one article, including quotes that run on past their cue."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from schemas.articles import Article
from schemas.claims import Claim, ClaimType, Span
from services.actors import lookup_actor
from services.extraction.advice import tells_public
from services.extraction.classify import (
    named_act,
    negates_deed,
    promises_harm,
    type_of_content,
    type_of_cue,
)
from services.extraction.context import Context
from services.extraction.delayed_name import name_the_lede_role, name_the_titled_role
from services.extraction.kin import named_as_relative
from services.extraction.lexicon import CONTENT
from services.extraction.mentions import Party
from services.extraction.noun_phrases import own_name
from services.extraction.proposition import proposition
from services.extraction.quotes import Quotes
from services.extraction.sentences import Sentence
from services.extraction.settle import settle_actors
from services.extraction.speakers import describe
from services.extraction.speech_acts import SpeechAct, find_speech_acts
from services.extraction.targets import target_of

MAX_CONTENT_CHARS = 300
RUN_ON_QUOTED_SHARE = 0.5  # a sentence mostly inside quotes, with no cue of its own
RUN_ON_MAX_PARAGRAPHS = 2  # how far back the last named speaker may be for a bare quote
_ALERT_TYPES = (ClaimType.DENIAL, ClaimType.WARNING)
# "This flood is different.": at most so many words carry a warning on from the sentence before
_CARRIED_WORDS = 8
_ADDRESSES_LISTENER = re.compile(r"\byou(?:r|rs|rself|rselves)?\b", re.IGNORECASE)


@dataclass
class Parsed:
    index: int
    sentence: Sentence
    doc: Doc
    acts: list[SpeechAct]


class ClaimBuilder:
    """Feed parsed sentences in article order, then `finish()` for the claims."""

    def __init__(self, article: Article, ctx: Context, quotes: dict[str, Quotes]) -> None:
        self.article = article
        self.ctx = ctx
        self.quotes = quotes
        self.parsed: list[Parsed] = []
        self.claims: list[tuple[int, Claim]] = []
        self._seen: set[tuple[int, str, str, int]] = set()
        # "Full statement from the governor's office:": whose quote follows (by parsed index)
        self._lead_ins: dict[int, list[Party]] = {}
        # who gave the advice listed after a colon ("Acme issued four steps:"), while it runs
        self._advisers: list[Party] = []

    def add_sentence(self, sentence: Sentence, doc: Doc) -> None:
        quotes = self.quotes[sentence.field]
        in_quote = [quotes.inside(sentence.start + t.idx) for t in doc]
        acts = find_speech_acts(
            doc, self.ctx, in_quote, headline=sentence.field == "title", original=sentence.text
        )
        index = len(self.parsed)
        self.parsed.append(Parsed(index, sentence, doc, acts))
        if not acts and sentence.text.rstrip().endswith(":"):
            author = _statement_author(doc, self.ctx) or _colon_speaker(doc, self.ctx)
            if author is not None:
                self._lead_ins[index] = [author]
        for act in acts:
            for party in act.parties:
                for claim_type, direct in self._types(act, party):
                    conf = 0.9 if direct else 0.75
                    self._emit(index, party, claim_type, act.cue, act.cue_text, act.content, conf)
        self._follow_advice(index, sentence, doc, acts, in_quote)
        self._note_people(doc, in_quote, acts)
        self.ctx.mentions.note_subject(sentence.text)

    def _follow_advice(
        self, index: int, sentence: Sentence, doc: Doc, acts: list[SpeechAct], in_quote: list[bool]
    ) -> None:
        """ "Acme issued four steps to keep accounts safe:" then "Change your password ...":
        the imperatives listed after the speaker's colon are its advice, each a warning."""
        if not acts and self._advisers and not any(in_quote) and is_imperative(doc):
            for party in self._advisers:
                self._emit(index, party, ClaimType.WARNING, None, "advice", list(doc), 0.75)
            return
        if not sentence.text.rstrip().endswith(":"):
            self._advisers = []
        elif acts:
            self._advisers = list(acts[-1].parties)
        else:  # "Acme issued four steps to keep accounts safe:": whoever announces the list
            subject = next((t for t in doc if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None)
            adviser = describe(subject, self.ctx) if subject is not None else None
            self._advisers = [adviser] if adviser is not None else []
            if adviser is not None:
                self.ctx.mentions.add(adviser)  # "the company said" later is the one advising

    def scan(self, sentence: Sentence) -> None:
        """An unparsed sentence: only bring people (and a country) it names to the front."""
        self._advisers = []
        self.ctx.mentions.touch_names_in(sentence.text)
        self.ctx.mentions.note_subject(sentence.text)

    def _note_people(self, doc: Doc, in_quote: list[bool], acts: list[SpeechAct]) -> None:
        """People named outside quotes become antecedents; subjects and speakers most salient."""
        later: list[Party] = []
        for ent in doc.ents:
            root = ent.root
            if in_quote[root.i] or root.tag_ not in ("NNP", "NNPS"):
                continue
            if ent.label_ == "ORG":
                # a body named in passing is what "the agency said" later refers back to
                name = own_name(ent.text[4:] if ent.text.lower().startswith("the ") else ent.text)
                if _names_a_body(name, ent.start, doc, self.ctx):
                    self.ctx.mentions.add(Party(name, lookup_actor(name) or name, False))
                continue
            if ent.label_ != "PERSON":
                continue
            party = describe(root, self.ctx)
            if party is None or not party.is_person:
                continue
            if root.dep_ in ("nsubj", "nsubjpass"):
                later.append(party)
            elif named_as_relative(root):
                self.ctx.mentions.add_behind(party)
            else:
                self.ctx.mentions.add(party)
        for party in later + [p for a in acts for p in a.parties if p.is_person]:
            self.ctx.mentions.add(party)

    def _types(self, act: SpeechAct, party: Party) -> list[tuple[ClaimType, bool]]:
        lex = self.ctx.lexicon
        if act.cue is not None and (promises_harm(act.cue, lex) or tells_public(act.cue, lex)):
            return [(ClaimType.WARNING, True)]
        named = named_act(act.cue, lex) if act.cue and act.verb_type == CONTENT else None
        if named is not None:
            return [(named, True)]  # "the warning was announced by ..."
        if act.verb_type != CONTENT or (act.cue is None and not act.heads):
            return (
                [type_of_cue(act.cue, act.verb_type, act.content, party, lex)]
                if act.cue
                else [(type_of_content(act.content, party, lex), False)]
            )
        if len(act.heads) <= 1:
            return [(type_of_content(act.content, party, lex), False)]
        out: list[tuple[ClaimType, bool]] = []
        for head in act.heads:
            others = {t.i for h in act.heads if h.i > head.i for t in h.subtree}
            tokens = [t for t in head.subtree if t.i not in others]
            found = type_of_content(tokens, party, lex)
            if all(found != t for t, _ in out):
                out.append((found, False))
        if all(t not in _ALERT_TYPES for t, _ in out):
            # a phrase the heads split ("left us with no options but | to strike back") is
            # still read whole
            whole = type_of_content(act.content, party, lex)
            if whole in _ALERT_TYPES:
                return [(whole, False)]
        return out

    def _emit(
        self,
        index: int,
        party: Party,
        claim_type: ClaimType,
        cue: Token | None,
        cue_text: str,
        content: list[Token],
        confidence: float,
    ) -> None:
        sentence = self.parsed[index].sentence
        # one claim per speaker, type and reporting verb: "said X and signalled Y" is two acts
        key = (index, party.name, claim_type.value, cue.i if cue is not None else -1)
        if key in self._seen:
            return
        self._seen.add(key)
        claim = Claim(
            article_id=self.article.id,
            type=claim_type,
            speaker=party.name,
            actor=party.actor,
            target=target_of(cue, content, party.actor),
            content=proposition(
                _content_text(content, sentence.text) or sentence.text, self.ctx.lexicon
            ),
            quote=self._quote(sentence),
            sentence=sentence.text,
            span=Span(field=sentence.field, start=sentence.start, end=sentence.end),
            cue=cue_text,
            confidence=confidence,
        )
        self.claims.append((index, claim))

    def _quote(self, s: Sentence) -> str | None:
        source = getattr(self.article, s.field)
        parts = []
        for r in self.quotes[s.field].overlapping(s.start, s.end):
            lo, hi = max(r.start, s.start), min(r.end, s.end)
            if hi > lo:
                parts.append(source[lo:hi].strip('“”" '))
        quote = " ".join(p for p in parts if p)
        return quote or None

    def finish(self) -> list[Claim]:
        """Add the run-on quote sentences, then return all claims in article order."""
        for p in self.parsed:
            quotes = self.quotes[p.sentence.field]
            s = p.sentence
            if p.acts or quotes.quoted_share(s.start, s.end) < RUN_ON_QUOTED_SHARE:
                continue
            if not _is_clause(p.doc):
                continue  # a quoted heading ("POWDER KEG") says nothing by itself
            for party in self._quote_speakers(p):
                in_quote = [t for t in p.doc if quotes.inside(s.start + t.idx)]
                found = type_of_content(in_quote, party, self.ctx.lexicon)
                self._emit(p.index, party, found, None, "quote", in_quote, 0.6)
        self._carry_warnings()
        self._carry_denials()
        ordered = [c for _, c in sorted(self.claims, key=lambda ic: ic[0])]
        named = name_the_titled_role(name_the_lede_role(ordered))
        return settle_actors(named, self.ctx.mentions)

    def _carry_warnings(self) -> None:
        """A warning quote that runs on stays a warning: "Don't stay. This one is different."."""
        for n, (index, claim) in enumerate(self.claims):
            if claim.quote is None or claim.type != ClaimType.ASSERTION:
                continue
            region = self.quotes[claim.span.field].region_at(claim.span.start + 1) or (
                self.quotes[claim.span.field].region_at(claim.span.end - 1)
            )
            if region is None:
                continue
            same_sentence = any(
                o.type == ClaimType.WARNING and o.speaker == claim.speaker and o.span == claim.span
                for _, o in self.claims
            )
            # only a sentence after the warning continues it: the quote's neutral opening
            # ("The river is high.") is not made a warning by what follows, unless it already
            # speaks to those warned ("If you stayed last time, this one is different.")
            addressed = _ADDRESSES_LISTENER.search(claim.quote) is not None
            # a sentence with full content of its own is typed by it (a statement quoted at
            # length holds one warning among reports and claims); a short one continues it
            if len(claim.quote.split()) > _CARRIED_WORDS and not addressed:
                continue
            if not same_sentence and any(
                other.type == ClaimType.WARNING
                and other.speaker == claim.speaker
                and other.span.field == claim.span.field
                and other.span.start < region.end
                and other.span.end > region.start
                and (other.span.end <= claim.span.start or addressed)
                for _, other in self.claims
            ):
                self.claims[n] = (index, claim.model_copy(update={"type": ClaimType.WARNING}))

    def _carry_denials(self) -> None:
        """After "the story is untrue", the same side's "he has not travelled there" rebuts it."""
        denied_at: dict[str, int] = {}
        denied_in: set[tuple[int, str]] = set()
        for index, claim in self.claims:
            if claim.type == ClaimType.DENIAL:
                denied_at.setdefault(claim.actor, index)
                denied_in.add((index, claim.speaker))
        for n, (index, claim) in enumerate(self.claims):
            first = denied_at.get(claim.actor)
            if claim.type != ClaimType.ASSERTION or first is None or first > index:
                continue
            if (index, claim.speaker) in denied_in:
                continue  # this sentence already holds the speaker's denial
            doc = self.parsed[index].doc
            lo = claim.sentence.find(claim.content)
            if lo < 0:
                continue
            hi = lo + len(claim.content)
            tokens = [t for t in doc if lo <= t.idx < hi]
            if negates_deed(tokens) and not _unaware(tokens):
                self.claims[n] = (index, claim.model_copy(update={"type": ClaimType.DENIAL}))

    def _quote_speakers(self, p: Parsed) -> list[Party]:
        """The speaker of the quote this sentence belongs to, else the last named speaker."""
        quotes = self.quotes[p.sentence.field]
        region = quotes.region_at(p.sentence.start + _first_quote_offset(p))
        if region is not None:
            for q in self.parsed:
                s = q.sentence
                if (
                    q.acts
                    and s.field == p.sentence.field
                    and s.start < region.end
                    and s.end > region.start
                ):
                    return q.acts[-1].parties
        reached = p.sentence.paragraph
        for q in reversed(self.parsed[: p.index]):
            if q.sentence.field != p.sentence.field:
                break
            if reached - q.sentence.paragraph > RUN_ON_MAX_PARAGRAPHS:
                break
            if q.acts:
                return q.acts[-1].parties
            if q.index in self._lead_ins:
                return self._lead_ins[q.index]
            s = q.sentence
            if quotes.quoted_share(s.start, s.end) >= RUN_ON_QUOTED_SHARE:
                reached = s.paragraph  # a quote paragraph after a quote paragraph: one speech
        return []


def _statement_author(doc: Doc, ctx: Context) -> Party | None:
    """Who a statement introduced by this line is from: "Full statement from the club:",
    "The ministry's statement in full:"; None when the line names no statement or no one."""
    notes = [t for t in doc if t.lower_ in ctx.lexicon.documents and t.tag_.startswith("NN")]
    if not notes:
        return None
    for t in [*notes[0].children, *doc]:
        if t.dep_ == "poss" and t.head.i == notes[0].i:
            return describe(t, ctx)
        if t.dep_ in ("prep", "agent") and t.lower_ in ("from", "by"):
            obj = next((o for o in t.children if o.dep_ == "pobj"), None)
            if obj is not None:
                return describe(obj, ctx)
    return None


def _colon_speaker(doc: Doc, ctx: Context) -> Party | None:
    """ "Her lawyer, Ann Lee, spoke outside the court:" names who speaks in the quote that
    follows, though "spoke" reports nothing by itself."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or not root.tag_.startswith("VB"):
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    return describe(subject, ctx) if subject is not None else None


def is_imperative(doc: Doc) -> bool:
    """ "Change your password.", "- Use a password manager": a bare verb leads, no subject."""
    words = [t for t in doc if not t.is_punct and not t.is_space]
    if not words or words[0].tag_ != "VB" or words[0].dep_ != "ROOT":
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in words[0].children)


# "we have not seen any such invoice": not knowing of a thing rebuts nothing
_PERCEIVED = frozenset({"seen", "saw", "received", "heard", "noticed", "got"})


def _unaware(tokens: list[Token]) -> bool:
    return any(t.lower_ in _PERCEIVED and any(c.dep_ == "neg" for c in t.children) for t in tokens)


def _is_clause(doc: Doc) -> bool:
    """Whether a quoted sentence says something: a verb among four words, or a short clause
    with a subject and a finite verb ("It's a joke!", "Data have spoken."); a quoted heading
    ("POWDER KEG") does not."""
    words = [t for t in doc if t.is_alpha]
    if len(words) >= 4:
        return any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in doc)
    return len(words) >= 2 and any(
        t.tag_ in _FINITE and any(c.dep_ in ("nsubj", "expl") for c in t.children) for t in doc
    )


_FINITE = frozenset({"VBZ", "VBP", "VBD", "MD"})


def _first_quote_offset(p: Parsed) -> int:
    for i, ch in enumerate(p.sentence.text):
        if ch in '“"':
            return i + 1
    return 0


def _content_text(tokens: list[Token], sentence: str) -> str:
    """The original words (the parser saw a masked copy of the same length)."""
    if not tokens:
        return ""
    text = sentence[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    return " ".join(text.split()).strip(' ,:“”"')[:MAX_CONTENT_CHARS]


# "Foreign Ministry", "the Health Department": an organ whose owner the name leaves out
_ORGANS = frozenset({"ministry", "department", "office", "government", "police", "court"})


def _names_a_body(name: str, start: int, doc: Doc, ctx: Context) -> bool:
    """Whether an organisation named in passing can be referred back to on its own: not an
    abbreviation in brackets (it repeats the name before it), not an organ without owner."""
    if start > 0 and doc[start - 1].text == "(":
        return False
    if lookup_actor(name) is not None:
        return True
    words = name.lower().split()
    if set(words) & ctx.lexicon.media_words:
        return False  # "a Reuters report", "the Daily Post": an outlet, not who speaks later
    return not (len(words) <= 2 and words[-1] in _ORGANS)

"""The Extractor: articles in, claims out; parses only the sentences that can hold a claim."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc

from schemas.articles import Article
from schemas.claims import Claim
from services.extraction.acts import one_per_act
from services.extraction.claims import ClaimBuilder
from services.extraction.context import Context
from services.extraction.learned.cues import extend
from services.extraction.learned.model import Judged, LearnedModel, drop_repeats, load_model
from services.extraction.lexicon import Lexicon, load_lexicon
from services.extraction.mentions import Mentions, PeopleMemory
from services.extraction.model import load_nlp
from services.extraction.named import recognise_names
from services.extraction.parse_text import parse_text
from services.extraction.quotes import Quotes
from services.extraction.sentences import (
    Sentence,
    has_cue,
    introduces_person,
    introduces_statement,
    may_hold_claim,
    split_sentences,
)
from services.extraction.speech_acts import long_quotes

# No news sentence is this long (the longest run about 600); a blob without full stops would
# cost the parser and the tree walks far more than it could give, so it is not parsed.
MAX_SENTENCE_CHARS = 2_000
# How many sentences after a line ending in a colon may be the items of a list it announces.
_LIST_ITEMS = 8


@dataclass
class Plan:
    """One article split into sentences, with the ones worth parsing marked."""

    article: Article
    sentences: list[Sentence]
    quotes: dict[str, Quotes]
    parse: list[bool]
    ner: list[bool]  # worth finding names in (a speaker can be named outside quotes)
    docs: dict[int, Doc] = field(default_factory=dict)


class Extractor:
    """Claims from articles, each on its own: an article's claims depend on nothing else.

    People ties ("Peskov" speaks for Russia) are kept within an article only, unless
    `memory` is given: a memory carried across articles made a claim's actor depend on which
    articles the same process had read before (two workers, or one restarted, then disagreed
    on an actor and raised one act twice), so the stream and every command leave it out.

    Without a `model` it is the hand-written rules alone (the baseline `claimwatch eval`
    prints); with one, its induced cues extend the lexicon and its combiner types each
    candidate (and drops those it judges no claim at all).
    """

    def __init__(
        self,
        nlp: Language,
        lexicon: Lexicon | None = None,
        memory: PeopleMemory | None = None,
        batch_articles: int = 16,
        model: LearnedModel | None = None,
    ) -> None:
        self.nlp = nlp
        self.model = model
        base = lexicon or load_lexicon()
        self.lexicon = extend(base, model.cues) if model is not None else base
        self.memory = memory  # shared across articles only when given
        self.batch_articles = batch_articles
        self._ner: dict[str, EntityRecognizer] = {
            name: pipe for name, pipe in nlp.pipeline if isinstance(pipe, EntityRecognizer)
        }

    @classmethod
    def load(cls) -> Extractor:
        """The installed spaCy model with the learned model shipped in the package."""
        return cls(load_nlp(), model=load_model())

    def extract(self, article: Article) -> list[Claim]:
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[list[Claim]]:
        """Claims of each article, in order; a batch of articles goes through one nlp.pipe."""
        for candidates in self.candidates(articles):
            yield (
                self.model.retype(candidates) if self.model is not None else one_per_act(candidates)
            )

    def explain_many(self, articles: Iterable[Article]) -> Iterator[list[Judged]]:
        """Every rule-built candidate of each article with the learned model's decision on it."""
        for candidates in self.candidates(articles):
            if self.model is not None:
                yield self.model.judge(candidates)
            else:
                yield drop_repeats([Judged(c, c, None) for c in candidates])

    def candidates(self, articles: Iterable[Article]) -> Iterator[list[Claim]]:
        """Every claim the rules build for each article, before the model and before a
        second telling of one act is dropped: what the combiner learns from."""
        it = iter(articles)
        while batch := list(islice(it, self.batch_articles)):
            plans = [self.plan(a) for a in batch]
            wanted = [(p, i) for p in plans for i, s in enumerate(p.sentences) if p.parse[i]]
            texts = (
                parse_text(
                    p.sentences[i].text,
                    self.lexicon,
                    headline=p.sentences[i].field == "title",
                    opening=p.sentences[i].field == "text" and p.sentences[i].start == 0,
                )
                for p, i in wanted
            )
            # the entity recogniser (two thirds of the pipeline's time) only runs on sentences
            # that can name a speaker: a quote's inner sentences are typed, not attributed
            docs = self.nlp.pipe(texts, batch_size=256, disable=list(self._ner))
            for (p, i), doc in zip(wanted, docs, strict=True):
                p.docs[i] = doc
            # and only where the tagger saw a proper noun: "“...,” he said." names nobody; and
            # not on a long direct quote's words, which speak but do not name the speaker
            # (about a sixth of the recogniser's tokens; its tags still tell a quote's names)
            named = [
                (p.docs[i], _outside_long_quotes(p, i))
                for p, i in wanted
                if p.ner[i] and any(t.tag_ in ("NNP", "NNPS") for t in p.docs[i])
            ]
            recognise_names(list(self._ner.values()), named)
            for p in plans:
                yield self._claims(p)

    def plan(self, article: Article) -> Plan:
        sentences = split_sentences(article.title, "title") + split_sentences(article.text, "text")
        quotes = {"title": Quotes(article.title), "text": Quotes(article.text)}
        parse, ner = [], []
        listed = 0  # sentences still to parse after a line ending in a colon (a list of advice)
        for s in sentences:
            if len(s.text) > MAX_SENTENCE_CHARS:
                parse.append(False)
                ner.append(False)
                continue
            outside = quotes[s.field].unquoted(s.text, s.start)
            names = (
                s.text.rstrip().endswith(":")  # a statement or a list of advice follows
                or has_cue(outside, self.lexicon)
                or introduces_person(outside, self.lexicon)
                or (s.field == "title" and ":" in s.text[:40])  # "Kremlin: ..." headlines
            )
            ner.append(names)
            in_list, listed = listed > 0, max(0, listed - 1)
            if s.text.rstrip().endswith(":"):
                listed = _LIST_ITEMS
            parse.append(
                names
                or in_list  # "Change your password.": advice the line before announced
                or s.field == "title"  # "... 'baseless': Ruritania" names its speaker last
                or may_hold_claim(s.text, self.lexicon)
                or quotes[s.field].quoted_share(s.start, s.end) > 0  # inside a run-on quote
                or introduces_statement(s.text, self.lexicon)  # "Full statement from X:"
            )
        return Plan(article, sentences, quotes, parse, ner)

    def _claims(self, plan: Plan) -> list[Claim]:
        ctx = Context(
            self.lexicon,
            Mentions(text=f"{plan.article.title}\n{plan.article.text}"),
            self.memory if self.memory is not None else PeopleMemory(),
            plan.article.published_at.date() if plan.article.published_at else None,
        )
        builder = ClaimBuilder(plan.article, ctx, plan.quotes)
        for i, sentence in enumerate(plan.sentences):
            doc = plan.docs.get(i)
            if doc is not None:
                builder.add_sentence(sentence, doc)
            else:
                builder.scan(sentence)
        return builder.finish()


def _outside_long_quotes(plan: Plan, i: int) -> list[bool]:
    """The sentence's tokens outside long direct quotes (a scare-quoted name is kept). Each
    quote left out keeps its marks and its last word ('" ... it , " said Nour .'): the
    recogniser reads "said Nour" after a quote as a name, and on its own as much less."""
    s = plan.sentences[i]
    quotes = plan.quotes[s.field]
    quoted = long_quotes([quotes.inside(s.start + t.idx) for t in plan.docs[i]])
    keep = [not q for q in quoted]
    start = None
    for j, q in enumerate([*quoted, False]):
        if q and start is None:
            start = j
        elif not q and start is not None:
            for k in (start, j - 3, j - 2, j - 1):
                if k >= start:
                    keep[k] = True
            start = None
    return keep

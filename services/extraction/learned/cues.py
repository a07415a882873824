"""Reporting verbs induced from an annotated corpus, and the cue lexicon they extend.

A verb the lexicon lacks becomes a cue when, across the training folds, its subject is the
annotated speaker of the sentence it governs often enough ("pleaded not guilty", "rubbished
the report"): at least `min_support` times, in at least `min_folders` folders, and in at
least `min_precision` of the sentences where it has a subject at all. Its type is the gold
type when nearly all its uses agree, else `content` (typed by what is said, then by the
combiner). Each cue records the folds it was induced from.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token

from services.extraction.learned.corpus import Annotated, GoldClaim
from services.extraction.learned.scoring import same_sentence
from services.extraction.lexicon import CONTENT, Lexicon
from services.extraction.sentences import split_sentences

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "who"})
_NAMELESS = frozenset({"the", "a", "an", "of", "'s", "and"})
# Forms that are never reporting verbs whatever the corpus says: auxiliaries and copulas.
_NEVER = frozenset({"be", "have", "do", "will", "would", "can", "could", "may", "might", "get"})


@dataclass(frozen=True)
class InducedCue:
    lemma: str
    type: str  # a claim type, or "content"
    forms: tuple[str, ...]
    support: int  # sentences where its subject was the gold speaker
    precision: float  # ... out of all its uses with a subject
    folds: tuple[str, ...]  # the folders it was induced from


@dataclass
class _Evidence:
    types: Counter[str] = field(default_factory=Counter)
    negatives: int = 0
    forms: set[str] = field(default_factory=set)
    folders: set[str] = field(default_factory=set)


def _speaker_words(claim: GoldClaim) -> set[str]:
    words = f"{claim.speaker} {claim.actor}".lower().replace("’", "'").split()
    return {w.strip(".,'\"") for w in words} - _NAMELESS - {""}


def _subject_is_speaker(verb: Token, claims: list[GoldClaim]) -> GoldClaim | None:
    for child in verb.children:
        if child.dep_ not in _SUBJECTS:
            continue
        words = {t.lower_ for t in child.subtree}
        for claim in claims:
            if words & _PRONOUNS or words & _speaker_words(claim):
                return claim
    return None


def _main_clause(verb: Token) -> bool:
    """The sentence's own verb (or one conjoined to it): what is reported lies below it."""
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _quoted(doc: Doc, tok: Token) -> bool:
    before = doc.text[: tok.idx]
    return (before.count('"') + before.count("“") - before.count("”")) % 2 == 1


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in verb.children)


Evidence = dict[str, dict[str, _Evidence]]  # folder -> lemma -> what was seen


def collect(corpus: Iterable[Annotated], nlp: Language, known: Callable[[str], bool]) -> Evidence:
    """Per folder, evidence for every verb lemma the lexicon does not know (one parse)."""
    evidence: Evidence = defaultdict(lambda: defaultdict(_Evidence))
    jobs: list[tuple[str, list[GoldClaim]]] = []
    texts: list[str] = []
    for item in corpus:
        a = item.article
        for s in split_sentences(a.title, "title") + split_sentences(a.text, "text"):
            texts.append(s.text)
            jobs.append((item.folder, [g for g in item.gold if same_sentence(g.sentence, s.text)]))
    for (folder, claims), doc in zip(jobs, nlp.pipe(texts, batch_size=256), strict=True):
        _note(doc, folder, claims, evidence[folder], known)
    return evidence


def merged(evidence: Evidence, folders: Iterable[str]) -> dict[str, _Evidence]:
    """The evidence of some folders (the training folds) summed per lemma."""
    out: dict[str, _Evidence] = defaultdict(_Evidence)
    for folder in folders:
        for lemma, ev in evidence.get(folder, {}).items():
            into = out[lemma]
            into.types.update(ev.types)
            into.negatives += ev.negatives
            into.forms |= ev.forms
            into.folders |= ev.folders
    return out


def _note(
    doc: Doc,
    folder: str,
    claims: list[GoldClaim],
    evidence: dict[str, _Evidence],
    known: Callable[[str], bool],
) -> None:
    for tok in doc:
        if tok.pos_ != "VERB" or not tok.tag_.startswith("VB") or not _main_clause(tok):
            continue
        if _quoted(doc, tok):
            continue
        lemma = tok.lemma_.lower()
        if not lemma.isalpha() or lemma in _NEVER or known(tok.lower_) or known(lemma):
            continue
        if not _has_subject(tok):
            continue
        ev = evidence[lemma]
        claim = _subject_is_speaker(tok, claims)
        if claim is None:
            ev.negatives += 1
            continue
        ev.types[claim.type] += 1
        ev.forms.add(tok.lower_)
        ev.folders.add(folder)


def select(
    evidence: dict[str, _Evidence],
    *,
    min_support: int = 3,
    min_folders: int = 2,
    min_precision: float = 0.5,
    min_purity: float = 0.8,
) -> list[InducedCue]:
    cues = []
    for lemma, ev in sorted(evidence.items()):
        support = sum(ev.types.values())
        if support < min_support or len(ev.folders) < min_folders:
            continue
        precision = support / (support + ev.negatives)
        if precision < min_precision:
            continue
        top, n = ev.types.most_common(1)[0]
        kind = top if top != "assertion" and n >= min_purity * support else CONTENT
        cues.append(
            InducedCue(
                lemma,
                kind,
                tuple(sorted(ev.forms)),
                support,
                round(precision, 3),
                tuple(sorted(ev.folders)),
            )
        )
    return cues


def extend(lexicon: Lexicon, cues: Iterable[InducedCue]) -> Lexicon:
    """The lexicon with the induced verbs added (a known verb keeps its own type)."""
    verbs, forms = dict(lexicon.verbs), dict(lexicon.forms)
    clause_only = set(lexicon.clause_only)
    for cue in cues:
        if cue.lemma in verbs:
            continue
        verbs[cue.lemma] = cue.type
        if cue.type == CONTENT:
            clause_only.add(cue.lemma)  # no type of its own: only a clause makes it a claim
        for form in (cue.lemma, *cue.forms):
            forms.setdefault(form, cue.lemma)
    return dataclasses.replace(
        lexicon,
        verbs=verbs,
        forms=forms,
        title_lowercase=lexicon.title_lowercase | frozenset(forms),
        clause_only=frozenset(clause_only),
    )

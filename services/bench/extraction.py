"""Extractor throughput against a plain full spaCy parse of the same texts, in one process."""

from __future__ import annotations

import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from schemas.articles import Article
from services.extraction import Extractor, load_nlp
from services.extraction.model import model_name


@dataclass(frozen=True)
class Rate:
    articles: int
    words: int
    seconds: float

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds


@dataclass(frozen=True)
class ExtractBench:
    extractor: Rate
    baseline: Rate
    claims: int
    sentences_parsed: float  # share of sentences the extractor parsed
    peak_rss_extractor_mb: float  # before the baseline model is loaded
    peak_rss_mb: float
    model: str
    # each round's baseline time over its extractor time, the two timed back to back
    round_ratios: tuple[float, ...] = ()

    @property
    def ratio(self) -> float:
        """The median of the rounds' ratios: on a shared machine a load that comes and goes
        hits the two runs of one round alike, where two medians taken apart can pair a quiet
        baseline round with a busy extractor round (or the reverse)."""
        if self.round_ratios:
            return statistics.median(self.round_ratios)
        return self.extractor.articles_per_s / self.baseline.articles_per_s


def peak_rss_mb() -> float:
    """Peak resident memory of this process (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def repeat_to(articles: Sequence[Article], min_words: int) -> list[Article]:
    """Repeat the corpus until it holds `min_words`, so timings are long enough to be stable."""
    words = sum(word_count(a) for a in articles)
    times = max(1, -(-min_words // max(1, words)))
    return [a for _ in range(times) for a in articles]


def word_count(article: Article) -> int:
    return len(article.title.split()) + len(article.text.split())


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def bench_extract(
    articles: Sequence[Article], *, min_words: int = 60_000, rounds: int = 3
) -> ExtractBench:
    """Time `Extractor.extract_many` and a full `nlp.pipe` (all components) over the same texts.

    Rounds alternate (extractor, baseline, extractor, ...) so that a change in the machine's
    load hits both sides alike; the median round of each side gives the rates, the median of
    the rounds' own ratios the ratio.
    """
    corpus = repeat_to(articles, min_words)
    words = sum(word_count(a) for a in corpus)
    extractor = Extractor.load()
    claims = sum(len(c) for c in extractor.extract_many(corpus))  # also the warm-up
    plans = [extractor.plan(a) for a in articles]
    parsed = sum(sum(p.parse) for p in plans) / max(1, sum(len(p.parse) for p in plans))
    rss_extractor = peak_rss_mb()

    full = load_nlp(full=True)
    texts = [f"{a.title}\n\n{a.text}" for a in corpus]
    list(full.pipe(texts[:2]))

    def run_extractor() -> None:
        for _ in extractor.extract_many(corpus):
            pass

    def run_baseline() -> None:
        for _ in full.pipe(texts, batch_size=64):
            pass

    ext_times, base_times = [], []
    for _ in range(rounds):
        ext_times.append(_timed(run_extractor))
        base_times.append(_timed(run_baseline))
    return ExtractBench(
        extractor=Rate(len(corpus), words, statistics.median(ext_times)),
        baseline=Rate(len(corpus), words, statistics.median(base_times)),
        claims=claims,
        sentences_parsed=parsed,
        peak_rss_extractor_mb=rss_extractor,
        peak_rss_mb=peak_rss_mb(),
        model=model_name(extractor.nlp),
        round_ratios=tuple(b / e for e, b in zip(ext_times, base_times, strict=True)),
    )

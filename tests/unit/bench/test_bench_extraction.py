"""`bench extract` measuring code: corpus repetition, rates, and one tiny real run."""

from __future__ import annotations

from schemas.articles import Article
from services.bench.extraction import ExtractBench, Rate, bench_extract, repeat_to, word_count


def test_repeat_to_reaches_the_word_count() -> None:
    articles = [Article(id="a", title="Two words", text="three more words")]
    assert word_count(articles[0]) == 5
    assert len(repeat_to(articles, 12)) == 3
    assert len(repeat_to(articles, 1)) == 1


def test_rates_are_per_second() -> None:
    rate = Rate(articles=10, words=2_000, seconds=4.0)
    assert (rate.articles_per_s, rate.words_per_s) == (2.5, 500.0)


def test_a_tiny_bench_run_measures_both_sides() -> None:
    article = Article(id="b", text="The ministry denied the report. Officials warned of floods.")
    result = bench_extract([article], min_words=18, rounds=2)
    assert result.extractor.articles == result.baseline.articles == 2
    assert len(result.round_ratios) == 2 and all(r > 0 for r in result.round_ratios)
    assert result.claims == 4  # two claims per copy
    assert result.ratio > 0 and result.peak_rss_mb >= result.peak_rss_extractor_mb > 0
    assert result.model.startswith("en_core_web_sm")


def _bench(extractor_s: float, baseline_s: float, rounds: tuple[float, ...]) -> ExtractBench:
    return ExtractBench(
        extractor=Rate(10, 2_000, extractor_s),
        baseline=Rate(10, 2_000, baseline_s),
        claims=0,
        sentences_parsed=1.0,
        peak_rss_extractor_mb=1.0,
        peak_rss_mb=1.0,
        model="m",
        round_ratios=rounds,
    )


def test_the_ratio_is_the_median_of_the_rounds_own_ratios() -> None:
    # medians apart (2 s against 2 s) would say 1.0x; each round, back to back, said ~1.5x
    assert _bench(2.0, 2.0, (1.4, 1.6, 1.5)).ratio == 1.5
    assert _bench(2.0, 3.0, ()).ratio == 1.5  # no rounds recorded: the rates' ratio

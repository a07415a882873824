"""`bench extract` measuring code: corpus repetition, rates, and one tiny real run."""

from __future__ import annotations

from schemas.articles import Article
from services.bench.extraction import Rate, bench_extract, repeat_to, word_count


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
    result = bench_extract([article], min_words=18, rounds=1)
    assert result.extractor.articles == result.baseline.articles == 2
    assert result.claims == 4  # two claims per copy
    assert result.ratio > 0 and result.peak_rss_mb >= result.peak_rss_extractor_mb > 0
    assert result.model.startswith("en_core_web_sm")

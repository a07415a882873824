"""The Extractor as a library: the seed article, batching, spans, and what it leaves out."""

from __future__ import annotations

from pathlib import Path

from extraction_helpers import check_spans

from schemas.articles import Article
from schemas.claims import ClaimType
from services.extraction import Extractor
from services.ingest.sources import read_articles

SEED = (
    Path(__file__).resolve().parents[3]
    / "seeds"
    / "aljazeera-2022-03-14-russia-china-military-aid.txt"
)


def seed_article() -> Article:
    (result,) = list(read_articles([SEED]))
    assert result.ok
    return result.article.to_article()


def test_seed_article_alerts(extractor: Extractor) -> None:
    article = seed_article()
    claims = extractor.extract(article)
    check_spans(article, claims)
    by = {(c.type, c.actor) for c in claims}
    assert (ClaimType.DENIAL, "China") in by  # Beijing rejects the US assertions
    assert (ClaimType.DENIAL, "Russia") in by  # the Kremlin denied
    assert (ClaimType.WARNING, "United States") in by  # Sullivan warned China
    assert (ClaimType.ACCUSATION, "China") in by  # accused Washington
    sullivan = [c for c in claims if c.speaker == "Jake Sullivan" and c.type == ClaimType.WARNING]
    assert len(sullivan) >= 3
    assert all(c.actor == "United States" for c in sullivan)
    assert any(c.target == "China" for c in sullivan)
    assert all(0.0 <= c.confidence <= 1.0 and c.article_id == article.id for c in claims)


def test_extract_many_keeps_order_and_matches_extract(extractor: Extractor) -> None:
    articles = [
        Article(id=f"a{i}", text=f"Minister Ana Lobo{i} said the port would reopen in {i} days.")
        for i in range(40)
    ]
    results = list(extractor.extract_many(articles))
    assert len(results) == 40
    for article, claims in zip(articles, results, strict=True):
        assert [c.article_id for c in claims] == [article.id]
        assert claims == extractor.extract(article)


def test_article_without_speech_gives_nothing(extractor: Extractor) -> None:
    article = Article(
        id="quiet", title="River rises", text="The river rose by two metres overnight."
    )
    assert extractor.extract(article) == []


def test_title_claims_point_into_the_title(extractor: Extractor) -> None:
    article = Article(id="t", title="Acmeco denies fraud claims", text="Shares fell.")
    (claim,) = extractor.extract(article)
    assert claim.span.field == "title"
    assert article.title[claim.span.start : claim.span.end] == claim.sentence


def test_a_sentence_beyond_any_news_sentence_is_not_parsed(extractor: Extractor) -> None:
    blob = "The ministry denied it " + "and so on " * 300 + "."
    article = Article(id="blob", text=f"{blob}\n\nThe ministry denied the report.")
    plan = extractor.plan(article)
    assert plan.parse == [False, True]
    assert [c.sentence for c in extractor.extract(article)] == ["The ministry denied the report."]

"""One loaded extractor for the extraction tests, and a helper that checks every claim's span."""

from __future__ import annotations

import pytest
from extraction_helpers import ClaimsOf, check_spans

from schemas.articles import Article
from schemas.claims import Claim
from services.extraction import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor.load()


@pytest.fixture
def claims_of(extractor: Extractor) -> ClaimsOf:
    """Claims of a text (and optional title) as one article; every span is checked."""

    def run(text: str, title: str = "", article_id: str = "test-article") -> list[Claim]:
        article = Article(id=article_id, title=title, text=text)
        claims = extractor.extract(article)
        check_spans(article, claims)
        return claims

    return run

"""One loaded extractor for the extraction tests, and a helper that checks every claim's span."""

from __future__ import annotations

import pytest
from extraction_helpers import ClaimsOf, check_spans

from schemas.articles import Article
from schemas.claims import Claim
from services.extraction import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The shipped extractor: the rules with the learned model (induced cues, type combiner)."""
    return Extractor.load()


@pytest.fixture(scope="session")
def rules_extractor(extractor: Extractor) -> Extractor:
    """The hand-written rules alone: what the learned combiner takes as its `rule=` signal."""
    return Extractor(extractor.nlp)


def _claims_by(extractor: Extractor) -> ClaimsOf:
    def run(text: str, title: str = "", article_id: str = "test-article") -> list[Claim]:
        article = Article(id=article_id, title=title, text=text)
        claims = extractor.extract(article)
        check_spans(article, claims)
        return claims

    return run


@pytest.fixture
def claims_of(extractor: Extractor) -> ClaimsOf:
    """Claims of a text (and optional title) as one article; every span is checked."""
    return _claims_by(extractor)


@pytest.fixture
def rules_of(rules_extractor: Extractor) -> ClaimsOf:
    """Claims of a text by the rules alone (the combiner's input, before it retypes)."""
    return _claims_by(rules_extractor)

"""Helpers for the extraction tests: the span check and claim filters."""

from __future__ import annotations

from collections.abc import Callable

from schemas.articles import Article
from schemas.claims import Claim

ClaimsOf = Callable[..., list[Claim]]


def check_spans(article: Article, claims: list[Claim]) -> None:
    """Every claim's span must cut exactly its sentence out of the article."""
    for claim in claims:
        source = getattr(article, claim.span.field)
        assert source[claim.span.start : claim.span.end] == claim.sentence, claim


def only(claims: list[Claim], **fields: object) -> list[Claim]:
    """The claims whose fields all equal the given values."""
    return [c for c in claims if all(str(getattr(c, k)) == str(v) for k, v in fields.items())]

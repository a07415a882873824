"""HTML page -> article: the main text, title, date and outlet, by trafilatura (no hand scraping).

One extractor for every door an HTML page comes through: the sources service's fetched pages
and `claimwatch replay` of saved `.html` files. Pure: bytes or text in, `ArticleIn` out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import trafilatura
from pydantic import ValidationError
from trafilatura.settings import Document

from schemas.articles import MAX_TEXT_CHARS, MAX_TITLE_CHARS, ArticleIn

# Below this many characters of main text the page is a stub, a paywall or an index page,
# not an article worth parsing for claims.
MIN_TEXT_CHARS = 200


class ExtractionFailed(ValueError):
    """The page holds no article text (or nothing we can turn into a valid article)."""


@dataclass(frozen=True)
class Hints:
    """What the page's context knows when the HTML does not say (a feed item, a file name)."""

    url: str | None = None
    title: str | None = None
    source: str | None = None
    published_at: datetime | None = None


def extract_article(html: str | bytes, hints: Hints | None = None) -> ArticleIn:
    """The article in `html`; raises ExtractionFailed when there is none.

    The page's own title, date and site name win over the hints, except that a URL given as
    a hint wins over the page's canonical link: the id derives from the URL it was fetched
    from, so the same story polled twice is one article.
    """
    hints = hints or Hints()
    found = trafilatura.bare_extraction(
        html, url=hints.url, with_metadata=True, include_comments=False, include_tables=False
    )
    if not isinstance(found, Document):
        raise ExtractionFailed("no main text found in the page")
    text = (found.text or "").strip()
    if len(text) < MIN_TEXT_CHARS:
        raise ExtractionFailed(f"main text too short ({len(text)} characters)")
    title = (hints.title or found.title or "").strip()
    first, _, rest = text.partition("\n")
    if title and first.strip() == title and len(rest) >= MIN_TEXT_CHARS:
        text = rest.strip()  # the page's headline repeated atop the body
    url = hints.url or found.url or None
    try:
        return ArticleIn(
            url=url if url and url.startswith(("http://", "https://")) else None,
            source=(found.sitename or hints.source or None),
            published_at=_date(found.date) or hints.published_at,
            title=title[:MAX_TITLE_CHARS],
            text=text[:MAX_TEXT_CHARS],
        )
    except ValidationError as exc:
        raise ExtractionFailed(f"not a valid article: {exc.errors()[0]['msg']}") from exc


def _date(value: str | None) -> datetime | None:
    """trafilatura's YYYY-MM-DD date, as midnight UTC."""
    if not value:
        return None
    try:
        return datetime.strptime(value[:10], "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return None

"""Articles as submitted, as published on the `articles` topic, and the stable id they get."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

from pydantic import AnyHttpUrl, Field, field_validator

from schemas.events import Event, Value

MAX_TITLE_CHARS = 1_000
MAX_TEXT_CHARS = 200_000
_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$"
_SLUG = re.compile(r"[^a-z0-9]+")


class ArticleIn(Value):
    """An article as a client or a file gives it: the id is optional and derived when missing."""

    id: str | None = Field(default=None, pattern=_ID_PATTERN)
    url: AnyHttpUrl | None = None
    source: str | None = Field(
        default=None, max_length=200, description="Outlet, e.g. 'Al Jazeera'."
    )
    published_at: datetime | None = None
    title: str = Field(default="", max_length=MAX_TITLE_CHARS)
    text: str = Field(max_length=MAX_TEXT_CHARS)

    @field_validator("text")
    @classmethod
    def _text_has_words(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("text is empty")
        if "\x00" in text:
            raise ValueError("text contains NUL characters: binary content is not an article")
        return text

    def to_article(self) -> Article:
        return Article(
            id=self.id
            or derive_article_id(str(self.url) if self.url else None, self.title, self.text),
            url=self.url,
            source=self.source,
            published_at=self.published_at,
            title=self.title,
            text=self.text,
        )


class Article(ArticleIn):
    """An article with its stable id: the Kafka key of every message about it."""

    id: str = Field(pattern=_ID_PATTERN)


def derive_article_id(url: str | None, title: str, text: str) -> str:
    """Same article, same id: from the URL when there is one, else from the content."""
    if url:
        basis, prefix = url.strip(), "url"
    else:
        basis, prefix = f"{title.strip()}\n{' '.join(text.split())}", "sha"
    digest = hashlib.sha256(basis.encode("utf-8")).hexdigest()[:20]
    return f"{prefix}-{digest}"


def slugify(text: str, max_len: int = 60) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")[:max_len].strip("-")


class ArticlePublished(Event):
    article: Article

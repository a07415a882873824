"""Watched feeds: what a client asks for, and each feed's health as the sources service keeps it.

These cross processes through Redis (written by the sources service, read by the alert
service's dashboard) and through the feeds API, so they live here, with no I/O.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from pydantic import AnyHttpUrl, AwareDatetime, Field

from schemas.events import Value, utcnow

MIN_EVERY_SECONDS = 5
DEFAULT_EVERY_SECONDS = 300


def feed_id(url: str) -> str:
    """Same feed URL, same id: adding a feed twice updates it rather than watching it twice."""
    return "feed-" + hashlib.sha256(url.strip().encode("utf-8")).hexdigest()[:16]


class FeedSpec(Value):
    """A feed to watch (the `POST /feeds` body)."""

    url: AnyHttpUrl
    every_seconds: int = Field(
        default=DEFAULT_EVERY_SECONDS,
        ge=MIN_EVERY_SECONDS,
        le=7 * 86_400,
        description="Poll interval; an error backs off beyond it.",
    )
    label: str | None = Field(default=None, max_length=100)


class Feed(FeedSpec):
    """A watched feed with its id and when it was added."""

    id: str
    added_at: AwareDatetime = Field(default_factory=utcnow)

    @classmethod
    def from_spec(cls, spec: FeedSpec) -> Feed:
        return cls(**spec.model_dump(), id=feed_id(str(spec.url)))


class FeedHealth(Value):
    """What polling a feed has found so far: conditional-GET validators, outcomes and counts."""

    etag: str | None = None
    last_modified: str | None = None
    last_poll_at: datetime | None = None
    last_success_at: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    consecutive_failures: int = 0
    next_poll_at: datetime | None = None
    polls: int = 0
    not_modified: int = 0
    items_seen: int = 0
    pages_fetched: int = 0
    published: int = 0
    extraction_failures: int = 0
    page_errors: int = 0
    # Pages whose story is confidently not in English: not published (the extractor reads
    # English only), as ingest does with its `unsupported_language` outcome.
    unsupported_language: int = 0

    @property
    def healthy(self) -> bool:
        return self.consecutive_failures == 0


class FeedStatus(Value):
    """A feed and its health, as `GET /feeds` lists them."""

    feed: Feed
    health: FeedHealth
    healthy: bool

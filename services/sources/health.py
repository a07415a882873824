"""Pure: how one poll's outcome changes a feed's health, and when the next poll is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from schemas.feeds import FeedHealth


@dataclass(frozen=True)
class PollCounts:
    """What one poll did, added to the feed's running counts."""

    items_seen: int = 0
    pages_fetched: int = 0
    published: int = 0
    extraction_failures: int = 0
    page_errors: int = 0
    unsupported_language: int = 0


def backoff_seconds(every: float, failures: int, cap: float) -> float:
    """The wait before the next poll: the interval, doubled per failure in a row, capped."""
    if failures <= 0:
        return every
    return min(cap, every * float(2 ** min(failures, 30)))


def after_success(
    health: FeedHealth,
    *,
    now: datetime,
    every: float,
    not_modified: bool,
    etag: str | None,
    last_modified: str | None,
    counts: PollCounts,
) -> FeedHealth:
    return health.model_copy(
        update={
            "etag": etag if not not_modified else (etag or health.etag),
            "last_modified": (
                last_modified if not not_modified else (last_modified or health.last_modified)
            ),
            "last_poll_at": now,
            "last_success_at": now,
            "consecutive_failures": 0,
            "next_poll_at": now + timedelta(seconds=every),
            "polls": health.polls + 1,
            "not_modified": health.not_modified + (1 if not_modified else 0),
            **_added(health, counts),
        }
    )


def after_failure(
    health: FeedHealth, *, now: datetime, every: float, cap: float, error: str
) -> FeedHealth:
    failures = health.consecutive_failures + 1
    return health.model_copy(
        update={
            "last_poll_at": now,
            "last_error": error[:300],
            "last_error_at": now,
            "consecutive_failures": failures,
            "next_poll_at": now + timedelta(seconds=backoff_seconds(every, failures, cap)),
            "polls": health.polls + 1,
        }
    )


def _added(health: FeedHealth, counts: PollCounts) -> dict[str, int]:
    return {
        "items_seen": health.items_seen + counts.items_seen,
        "pages_fetched": health.pages_fetched + counts.pages_fetched,
        "published": health.published + counts.published,
        "extraction_failures": health.extraction_failures + counts.extraction_failures,
        "page_errors": health.page_errors + counts.page_errors,
        "unsupported_language": health.unsupported_language + counts.unsupported_language,
    }


def is_due(health: FeedHealth, now: datetime) -> bool:
    return health.next_poll_at is None or health.next_poll_at <= now

"""A feed's health after each poll, and when it is next due (backoff on errors)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from schemas.feeds import FeedHealth
from services.sources.health import (
    PollCounts,
    after_failure,
    after_success,
    backoff_seconds,
    is_due,
)

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def test_backoff_doubles_per_failure_up_to_the_cap() -> None:
    assert [backoff_seconds(60, n, 600) for n in range(6)] == [60, 120, 240, 480, 600, 600]
    assert backoff_seconds(60, 10_000, 600) == 600  # no overflow on a long-dead feed


def test_failures_count_up_and_a_success_resets_them_keeping_counts() -> None:
    health = FeedHealth()
    for _ in range(3):
        health = after_failure(health, now=NOW, every=60, cap=3600, error="HTTP 503")
    assert health.consecutive_failures == 3 and not health.healthy
    assert health.next_poll_at == NOW + timedelta(seconds=480)
    assert health.last_error == "HTTP 503" and health.last_error_at == NOW
    health = after_success(
        health, now=NOW, every=60, not_modified=False, etag='"v1"', last_modified=None,
        counts=PollCounts(items_seen=3, pages_fetched=2, published=1, extraction_failures=1),
    )  # fmt: skip
    assert health.healthy and health.next_poll_at == NOW + timedelta(seconds=60)
    assert (health.polls, health.items_seen, health.pages_fetched, health.published) == (4, 3, 2, 1)
    assert health.extraction_failures == 1 and health.etag == '"v1"'
    assert health.last_error == "HTTP 503"  # the last error stays on record


def test_a_304_keeps_the_validators_unless_new_ones_come() -> None:
    health = FeedHealth(etag='"v1"', last_modified="Mon, 30 Nov 2026 08:00:00 GMT")
    same = after_success(
        health,
        now=NOW,
        every=60,
        not_modified=True,
        etag=None,
        last_modified=None,
        counts=PollCounts(),
    )
    assert (same.etag, same.last_modified, same.not_modified) == (
        health.etag,
        health.last_modified,
        1,
    )


def test_due_when_never_polled_or_time_has_come() -> None:
    assert is_due(FeedHealth(), NOW)
    assert is_due(FeedHealth(next_poll_at=NOW), NOW)
    assert not is_due(FeedHealth(next_poll_at=NOW + timedelta(seconds=1)), NOW)

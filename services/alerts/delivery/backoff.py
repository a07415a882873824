"""When to try a failed delivery again: exponential backoff with full jitter, capped."""

from __future__ import annotations

import random
from collections.abc import Callable

from services.alerts.settings import RetrySettings


def backoff_ceiling(attempt: int, retry: RetrySettings) -> float:
    """Upper bound of the wait after the `attempt`-th failed attempt (1-based)."""
    exponent = max(attempt - 1, 0)
    # Cap before multiplying out, so a large attempt count can't overflow a float.
    if retry.factor > 1 and exponent > 64:
        return retry.cap_seconds
    return float(min(retry.cap_seconds, retry.base_seconds * retry.factor**exponent))


def retry_delay(
    attempt: int,
    retry: RetrySettings,
    *,
    retry_after: float | None = None,
    rand: Callable[[], float] = random.random,
) -> float | None:
    """Seconds to wait before the next attempt, or None when `attempt` attempts exhaust it.

    Full jitter (uniform in [0, ceiling]) spreads receivers' recoveries; a server's
    Retry-After is a floor, bounded by `max_retry_after_seconds`.
    """
    if attempt >= retry.max_attempts:
        return None
    delay = rand() * backoff_ceiling(attempt, retry)
    if retry_after is not None:
        delay = max(delay, min(retry_after, retry.max_retry_after_seconds))
    return delay


def total_ceiling(retry: RetrySettings) -> float:
    """The longest a delivery can stay retrying (without Retry-After)."""
    return sum(backoff_ceiling(n, retry) for n in range(1, retry.max_attempts))

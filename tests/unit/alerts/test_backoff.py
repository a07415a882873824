"""Retry schedule: exponential ceilings, full jitter, a cap, a limit, Retry-After as a floor."""

from __future__ import annotations

from services.alerts.delivery.backoff import backoff_ceiling, retry_delay, total_ceiling
from services.alerts.settings import RetrySettings

RETRY = RetrySettings(base_seconds=30, factor=3, cap_seconds=4 * 3600, max_attempts=8)


def test_ceiling_grows_exponentially_then_caps() -> None:
    ceilings = [backoff_ceiling(n, RETRY) for n in range(1, 9)]
    assert ceilings[:5] == [30, 90, 270, 810, 2430]
    assert ceilings[-1] == 4 * 3600
    assert ceilings == sorted(ceilings)


def test_full_jitter_spans_zero_to_the_ceiling() -> None:
    assert retry_delay(3, RETRY, rand=lambda: 0.0) == 0.0
    assert retry_delay(3, RETRY, rand=lambda: 0.5) == 135.0
    assert retry_delay(3, RETRY, rand=lambda: 1.0) == 270.0


def test_attempts_are_exhausted_after_max_attempts() -> None:
    assert retry_delay(7, RETRY, rand=lambda: 1.0) is not None
    assert retry_delay(8, RETRY, rand=lambda: 1.0) is None


def test_retry_after_is_a_floor_with_a_bound() -> None:
    assert retry_delay(1, RETRY, retry_after=600, rand=lambda: 0.1) == 600
    assert retry_delay(1, RETRY, retry_after=1, rand=lambda: 1.0) == 30
    bounded = RetrySettings(max_retry_after_seconds=3600)
    assert retry_delay(1, bounded, retry_after=10**9, rand=lambda: 0.0) == 3600


def test_default_schedule_spans_hours() -> None:
    assert 3 * 3600 < total_ceiling(RetrySettings()) < 24 * 3600


def test_huge_attempt_numbers_do_not_overflow() -> None:
    big = RetrySettings(max_attempts=10_000)
    assert backoff_ceiling(5_000, big) == big.cap_seconds

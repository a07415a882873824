"""tests.support.polling: returns the first truthy value, fails with what it waited for."""

from __future__ import annotations

import pytest

from tests.support.polling import eventually, eventually_blocking


async def test_returns_the_first_truthy_value_of_a_sync_or_async_check() -> None:
    seen: list[int] = []

    def count() -> list[int]:
        seen.append(1)
        return seen if len(seen) >= 3 else []

    async def ready() -> str:
        return "ready"

    assert await eventually(count, interval=0) == [1, 1, 1]
    assert await eventually(ready) == "ready"


async def test_a_timeout_names_what_was_awaited_and_the_last_value() -> None:
    with pytest.raises(AssertionError, match=r"the alert: not within 0.05s; last value 0 logs"):
        await eventually(lambda: 0, what="the alert", timeout=0.05, detail=lambda: "logs")


async def test_a_dead_process_fails_at_once() -> None:
    def dead() -> None:
        raise AssertionError("the worker exited")

    with pytest.raises(AssertionError, match="the worker exited"):
        await eventually(lambda: 0, timeout=60, alive=dead)


def test_the_blocking_form_runs_the_same_loop() -> None:
    values = iter([None, "", "done"])
    assert eventually_blocking(lambda: next(values), interval=0) == "done"
    with pytest.raises(AssertionError, match="not within"):
        eventually_blocking(lambda: False, timeout=0.02)

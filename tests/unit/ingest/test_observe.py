"""The cached readiness probe: one check per TTL, shared by concurrent callers, refreshed after."""

from __future__ import annotations

import asyncio

from services.ingest.observe import CachedProbe


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_answer_is_reused_within_ttl_and_refreshed_after() -> None:
    clock, answers, calls = Clock(), [True, False], []

    async def check() -> bool:
        calls.append(clock.now)
        return answers[len(calls) - 1]

    probe = CachedProbe(check, ttl=5.0, clock=clock)
    assert await probe() is True
    clock.now = 4.9
    assert await probe() is True
    clock.now = 5.0
    assert await probe() is False
    assert calls == [0.0, 5.0]


async def test_concurrent_callers_share_one_check() -> None:
    release = asyncio.Event()
    calls = 0

    async def check() -> bool:
        nonlocal calls
        calls += 1
        await release.wait()
        return True

    probe = CachedProbe(check, ttl=60.0, clock=Clock())
    waiting = [asyncio.create_task(probe()) for _ in range(5)]
    await asyncio.sleep(0)  # let every caller reach the lock
    release.set()
    assert await asyncio.gather(*waiting) == [True] * 5
    assert calls == 1


async def test_zero_ttl_checks_every_time() -> None:
    calls = 0

    async def check() -> bool:
        nonlocal calls
        calls += 1
        return True

    probe = CachedProbe(check, ttl=0.0, clock=Clock())
    for _ in range(3):
        await probe()
    assert calls == 3

"""Per-host politeness: one request at a time and a minimum interval, other hosts unaffected."""

from __future__ import annotations

import asyncio

from services.sources.hosts import HostGate
from tests.support.clock import FakeTime


async def test_one_host_waits_its_interval_and_one_at_a_time() -> None:
    time = FakeTime()
    gate = HostGate(2.0, clock=time.clock, sleep=time.sleep)
    inside: list[str] = []
    log: list[tuple[str, float]] = []

    async def request(name: str, host: str, takes: float) -> None:
        async with gate.turn(host, 80):
            inside.append(name)
            assert len([n for n in inside if n.startswith(host)]) == 1, "two at once"
            log.append((name, time.now))
            await asyncio.sleep(0)  # let the others try to get in meanwhile
            time.now += takes
            inside.remove(name)

    await asyncio.gather(request("a1", "a", 0.5), request("a2", "a", 0.5), request("b1", "b", 0))
    started = dict(log)
    assert started["b1"] < started["a2"]  # b did not queue behind a
    # a2 began 2 s after a1 *ended* (100.5): the interval counts from the answer.
    assert started["a2"] == 102.5
    assert time.sleeps == [2.0]


async def test_no_wait_when_the_interval_has_passed() -> None:
    time = FakeTime()
    gate = HostGate(1.0, clock=time.clock, sleep=time.sleep)
    async with gate.turn("a", 80):
        pass
    time.now += 5
    async with gate.turn("a", 80):
        pass
    async with gate.turn("a", 443):  # another port is another server
        pass
    assert time.sleeps == []

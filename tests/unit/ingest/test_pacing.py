"""Replay pacing: evenly spaced sends at the requested rate, no drift, no waiting when unpaced."""

from __future__ import annotations

import pytest

from services.ingest.pacing import Pacer
from tests.support.clock import FakeTime


async def test_rate_spaces_sends_evenly() -> None:
    fake = FakeTime()
    pacer = Pacer(4.0, clock=fake.clock, sleep=fake.sleep)
    for _ in range(5):
        await pacer.wait()
    assert fake.sleeps == [0.25, 0.25, 0.25, 0.25]
    assert fake.now == pytest.approx(101.0)


async def test_slow_send_is_caught_up_not_added() -> None:
    fake = FakeTime()
    pacer = Pacer(2.0, clock=fake.clock, sleep=fake.sleep)
    await pacer.wait()
    fake.now += 0.7  # the first publish took longer than one interval (0.5 s)
    await pacer.wait()
    await pacer.wait()
    assert fake.sleeps == [pytest.approx(0.3)]


async def test_no_rate_never_sleeps() -> None:
    fake = FakeTime()
    pacer = Pacer(None, clock=fake.clock, sleep=fake.sleep)
    for _ in range(3):
        await pacer.wait()
    assert fake.sleeps == []


def test_negative_rate_is_refused() -> None:
    with pytest.raises(ValueError, match="positive"):
        Pacer(-1.0)

"""A fake clock for code that takes `clock` and `sleep` callables (pacers, host gates)."""

from __future__ import annotations


class FakeTime:
    """Time moves only when the code under test sleeps (or a test advances `now`)."""

    def __init__(self, now: float = 100.0) -> None:
        self.now = now
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds

"""Pacing for replays: at most N articles per second, evenly spaced, without drift."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class Pacer:
    """Token pacing: the i-th article may go at start + i / rate, so a slow send is caught up.

    `rate=None` (or 0) means as fast as possible. Clock and sleep are parameters so that
    tests can drive it without waiting.
    """

    def __init__(
        self,
        rate: float | None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if rate is not None and rate < 0:
            raise ValueError("rate must be positive")
        self.interval = 1.0 / rate if rate else 0.0
        self._clock = clock
        self._sleep = sleep
        self._start: float | None = None
        self._sent = 0

    async def wait(self) -> None:
        """Return when the next article may be sent."""
        now = self._clock()
        if self._start is None:
            self._start = now
        due = self._start + self._sent * self.interval
        self._sent += 1
        if due > now:
            await self._sleep(due - now)

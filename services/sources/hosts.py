"""Politeness per host: one request at a time, and a minimum interval between two."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

MAX_CRAWL_DELAY = 60.0


class HostGate:
    """`async with gate.turn(host, port):` waits for the host's turn (in arrival order)."""

    def __init__(
        self,
        min_interval: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.min_interval = min_interval
        self.clock = clock
        self.sleep = sleep
        self._locks: dict[str, asyncio.Lock] = {}
        self._last: dict[str, float] = {}
        self._interval: dict[str, float] = {}  # a site's own Crawl-delay, when longer

    def slow_down(self, host: str, port: int, seconds: float) -> None:
        """Keep at least `seconds` between two requests to this host (its Crawl-delay), up to a
        minute: a larger value would stall the feed rather than spare the site."""
        key = self._key(host, port)
        self._interval[key] = max(self.min_interval, min(seconds, MAX_CRAWL_DELAY))

    def interval(self, host: str, port: int) -> float:
        return self._interval.get(self._key(host, port), self.min_interval)

    @staticmethod
    def _key(host: str, port: int) -> str:
        return f"{host.casefold()}:{port}"

    @asynccontextmanager
    async def turn(self, host: str, port: int) -> AsyncIterator[None]:
        key = self._key(host, port)
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            last = self._last.get(key)
            if last is not None:
                wait = last + self.interval(host, port) - self.clock()
                if wait > 0:
                    await self.sleep(wait)
            try:
                yield
            finally:
                # From the end of the request: a slow host gets its interval after answering.
                self._last[key] = self.clock()

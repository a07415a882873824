"""Politeness per host: one request at a time, and a minimum interval between two."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager


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

    @asynccontextmanager
    async def turn(self, host: str, port: int) -> AsyncIterator[None]:
        key = f"{host.casefold()}:{port}"
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            last = self._last.get(key)
            if last is not None:
                wait = last + self.min_interval - self.clock()
                if wait > 0:
                    await self.sleep(wait)
            try:
                yield
            finally:
                # From the end of the request: a slow host gets its interval after answering.
                self._last[key] = self.clock()

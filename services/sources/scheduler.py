"""The polling loop: every tick, start a poll for each watched feed that is due and idle."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime

from services.common.feed_registry import FeedRegistry
from services.sources.health import is_due
from services.sources.poller import Poller

log = logging.getLogger(__name__)


class Scheduler:
    """Feeds are read from Redis each tick, so one added or removed through the API (of any
    instance) is picked up at once; each feed's next poll time is in its health, so a restart
    keeps the schedule. Feeds poll concurrently; the host gate keeps each host polite."""

    def __init__(
        self,
        poller: Poller,
        feeds: FeedRegistry,
        *,
        tick_seconds: float,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.poller = poller
        self.feeds = feeds
        self.tick = tick_seconds
        self.clock = clock
        self.running: dict[str, asyncio.Task[object]] = {}

    async def run_once(self) -> list[asyncio.Task[object]]:
        """Start the due polls; returns their tasks."""
        self.running = {k: t for k, t in self.running.items() if not t.done()}
        started = []
        now = self.clock()
        feeds = await self.feeds.feeds()
        healths = await self.feeds.healths([f.id for f in feeds])
        for feed, health in zip(feeds, healths, strict=True):
            if feed.id in self.running:
                continue
            if is_due(health, now):
                task: asyncio.Task[object] = asyncio.create_task(
                    self.poller.poll(feed), name=f"poll {feed.id}"
                )
                self.running[feed.id] = task
                started.append(task)
        return started

    async def run(self, stop: asyncio.Event) -> None:
        try:
            while not stop.is_set():
                try:
                    await self.run_once()
                except Exception:  # Redis away for a moment: try again next tick
                    log.exception("scheduling failed")
                with suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.tick)
        finally:
            for task in self.running.values():
                task.cancel()
            await asyncio.gather(*self.running.values(), return_exceptions=True)

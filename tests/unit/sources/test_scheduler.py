"""The polling loop: due feeds start, a feed still polling is not started twice, others wait."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from schemas.feeds import Feed, FeedHealth, FeedSpec
from services.sources.scheduler import Scheduler

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def feed(url: str) -> Feed:
    return Feed.from_spec(FeedSpec.model_validate({"url": url}))


class FakeFeeds:
    def __init__(self, health: dict[str, FeedHealth]) -> None:
        self.list = [feed(u) for u in health]
        self.by_id = {f.id: health[str(f.url)] for f in self.list}

    async def feeds(self) -> list[Feed]:
        return self.list

    async def healths(self, ids: list[str]) -> list[FeedHealth]:
        return [self.by_id[i] for i in ids]


class SlowPoller:
    def __init__(self) -> None:
        self.started: list[str] = []
        self.release = asyncio.Event()

    async def poll(self, feed: Feed) -> FeedHealth:
        self.started.append(str(feed.url))
        await self.release.wait()
        return FeedHealth()


async def test_due_feeds_start_once_and_others_wait_their_time() -> None:
    feeds = FakeFeeds(
        {
            "https://a.example/new": FeedHealth(),  # never polled: due
            "https://b.example/due": FeedHealth(next_poll_at=NOW - timedelta(seconds=1)),
            "https://c.example/later": FeedHealth(next_poll_at=NOW + timedelta(seconds=30)),
        }
    )
    poller = SlowPoller()
    scheduler = Scheduler(poller, feeds, tick_seconds=1, clock=lambda: NOW)  # type: ignore[arg-type]
    first = await scheduler.run_once()
    await asyncio.sleep(0)
    second = await scheduler.run_once()  # the two are still polling: nothing new starts
    assert sorted(poller.started) == ["https://a.example/new", "https://b.example/due"]
    assert len(first) == 2 and second == []
    poller.release.set()
    await asyncio.gather(*first)
    again = await scheduler.run_once()  # done now, and (in this fake) still due
    assert len(again) == 2
    await asyncio.gather(*again)


async def test_run_stops_when_told_and_cancels_polls_in_flight() -> None:
    poller = SlowPoller()
    scheduler = Scheduler(
        poller, FakeFeeds({"https://a.example/": FeedHealth()}), tick_seconds=0.01,  # type: ignore[arg-type]
        clock=lambda: NOW,
    )  # fmt: skip
    stop = asyncio.Event()
    loop = asyncio.create_task(scheduler.run(stop))
    while not poller.started:
        await asyncio.sleep(0)
    stop.set()
    await asyncio.wait_for(loop, 2)
    assert all(task.done() for task in scheduler.running.values())

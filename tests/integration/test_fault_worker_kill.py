"""Fault: `kill -9` of a stream worker in the middle of a replay; a new one takes over."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.support.fault_corpus import write_corpus
from tests.support.fault_stack import Services, settled, until
from tests.support.fault_support import (
    HookReceiver,
    assert_each_once,
    by_path,
    expected_events,
    got_all,
    missing,
    start_followed_stack,
)

N_ARTICLES = 48


async def test_kill_9_worker_mid_replay_every_alert_reaches_the_webhook_once(
    kafka_bootstrap: str, redis_url: str, tmp_path: Path
) -> None:
    paths = write_corpus(tmp_path / "corpus", N_ARTICLES)
    expected = expected_events(paths)
    want = by_path(expected)
    async with HookReceiver().running() as receiver:
        with Services.for_test(tmp_path / "run", bootstrap=kafka_bootstrap,
                               redis_url=redis_url) as services:  # fmt: skip
            first = await start_followed_stack(services, receiver, expected)
            replay = services.replay(tmp_path / "corpus", rate=5.0)
            await until(lambda: len(receiver.hooks) >= 8, "the first deliveries", services)
            services.kill_9(first)  # mid-replay: claims, table writes and offsets in flight
            before_kill = len(receiver.hooks)
            services.start("worker")
            await until(lambda: got_all(receiver, want), "every report after the restart",
                        services, detail=lambda: missing(receiver, want))  # fmt: skip
            assert await asyncio.to_thread(replay.wait, 60) == 0
            await until(lambda: settled(services), "everything read and delivered", services)
    assert before_kill < len(expected), "the kill came after all the work was done"
    assert_each_once(receiver, want)
    print(f"kill -9 after {before_kill} of {len(expected)} deliveries")

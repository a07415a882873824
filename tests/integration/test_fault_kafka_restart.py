"""Fault: the Kafka broker stops in the middle of a replay and starts again over its data."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.fault_corpus import write_corpus
from tests.support.fault_stack import OwnServer, Services, read_keys, settled, until
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


@pytest.fixture
def own_kafka(tmp_path: Path) -> Iterator[OwnServer]:
    """Not the session's broker: this test stops its broker, which must not hurt the others."""
    with OwnServer("kafka.sh", tmp_path / "kafka") as broker:
        yield broker


async def test_broker_stop_and_start_mid_replay_loses_nothing(
    own_kafka: OwnServer, redis_url: str, tmp_path: Path
) -> None:
    paths = write_corpus(tmp_path / "corpus", N_ARTICLES)
    expected = expected_events(paths)
    want = by_path(expected)
    async with HookReceiver().running() as receiver:
        with Services.for_test(tmp_path / "run", bootstrap=own_kafka.address,
                               redis_url=redis_url) as services:  # fmt: skip
            await start_followed_stack(services, receiver, expected)
            replay = services.replay(tmp_path / "corpus", rate=4.0)
            await until(lambda: len(receiver.hooks) >= 5, "the first deliveries", services)
            assert replay.poll() is None, "the replay ended before the broker was stopped"
            # Off the event loop: the webhook receiver lives on it and must keep answering.
            await asyncio.to_thread(own_kafka.stop)
            stopped_at = len(receiver.hooks)
            await asyncio.to_thread(own_kafka.restart)
            assert await asyncio.to_thread(replay.wait, 120) == 0, services.logs()
            topic = services.config.topic("articles")
            keys = await read_keys(own_kafka.address, topic, len(paths))
            assert Counter(keys) == Counter(p.stem.encode() for p in paths)  # each once
            await until(lambda: got_all(receiver, want), "every report after the restart",
                        services, detail=lambda: missing(receiver, want))  # fmt: skip
            await until(lambda: settled(services), "everything read and delivered", services)
    assert stopped_at < len(expected)
    assert_each_once(receiver, want)
    print(f"broker stopped after {stopped_at} of {len(expected)} deliveries")

"""How far the pipeline got, read from Kafka: consumer groups' committed offsets against topic ends.

An article that raises nothing leaves no trace in Redis, so "processed" is read where every
stage records it: a stage has finished everything sent to it when its consumer group has
committed the end offset of its input topic on every partition. The worker flushes its producer
before it commits (faust, at-least-once) and the alert service commits only after storing, so
once `articles`, then `claims`, then `alerts` are committed to their ends, every effect of every
article is on the broker and in Redis.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient


@dataclass(frozen=True)
class Stage:
    """A consumer group and the topic it reads."""

    group: str
    topic: str


def lag(ends: dict[TopicPartition, int], committed: dict[TopicPartition, int]) -> int:
    """Messages a group has not committed yet (a partition never committed counts from 0)."""
    return sum(max(0, end - committed.get(tp, 0)) for tp, end in ends.items())


class Progress:
    """Reads topic end offsets and a group's committed offsets from one broker."""

    def __init__(self, admin: AIOKafkaAdminClient, meta: AIOKafkaConsumer) -> None:
        self._admin = admin
        self._meta = meta
        # Called at every poll; raises when a process under test has died, so a crashed
        # worker fails the run at once instead of at the time-out.
        self.check: Callable[[], None] = lambda: None

    async def ends(self, topic: str) -> dict[TopicPartition, int]:
        """End offset of every partition; an unknown topic is an error, not "nothing to do"."""
        described = await self._admin.describe_topics([topic])
        parts = [p["partition"] for d in described if d["error_code"] == 0 for p in d["partitions"]]
        if not parts:
            raise RuntimeError(f"topic {topic} has no partitions (does it exist?)")
        tps = [TopicPartition(topic, p) for p in sorted(parts)]
        return dict(await self._meta.end_offsets(tps))

    async def committed(self, group: str, topic: str) -> dict[TopicPartition, int]:
        found = await self._admin.list_consumer_group_offsets(group)
        return {tp: meta.offset for tp, meta in found.items() if tp.topic == topic}

    async def group_members(self, group: str) -> tuple[str, int]:
        """(state, member count) of a consumer group, e.g. ('Stable', 2)."""
        response = await self._admin.describe_consumer_groups([group])
        described = response[0].groups[0]
        return str(described[2]), len(described[5])

    async def wait_members(self, group: str, count: int, *, timeout: float) -> None:
        """Until the group is Stable with `count` members (every worker has its partitions)."""
        deadline = time.monotonic() + timeout
        state: tuple[str, int] = ("", 0)
        while time.monotonic() < deadline:
            self.check()
            state = await self.group_members(group)
            if state == ("Stable", count):
                return
            await asyncio.sleep(0.2)
        raise TimeoutError(f"group {group} is {state}, not Stable with {count} members")

    async def wait_drained(
        self, stages: Sequence[Stage], *, timeout: float, poll: float = 0.05
    ) -> float:
        """Wait until each stage in turn has committed its topic's end; returns the monotonic
        time it was seen. Each stage's end is read once the stage before it has drained, when
        its input is complete."""
        deadline = time.monotonic() + timeout
        for stage in stages:
            ends = await self.ends(stage.topic)
            while lag(ends, await self.committed(stage.group, stage.topic)) > 0:
                self.check()
                if time.monotonic() > deadline:
                    left = lag(ends, await self.committed(stage.group, stage.topic))
                    raise TimeoutError(f"{stage.group} still has {left} to do on {stage.topic}")
                await asyncio.sleep(poll)
        return time.monotonic()


@asynccontextmanager
async def open_progress(bootstrap: str) -> AsyncIterator[Progress]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, client_id="claimwatch-bench-admin")
    meta = AIOKafkaConsumer(bootstrap_servers=bootstrap, client_id="claimwatch-bench-meta")
    await admin.start()
    try:
        await meta.start()
        try:
            yield Progress(admin, meta)
        finally:
            await meta.stop()
    finally:
        await admin.close()

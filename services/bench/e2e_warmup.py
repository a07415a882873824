"""Warm a freshly started broker before timing anything: its JVM compiles the hot paths first.

Measured here: on a broker started seconds before, the first timed run cost Kafka 18 ms of CPU
per article against 6 ms once warm, which made the one-worker run look slower than it is.
"""

from __future__ import annotations

import asyncio
import time
import uuid

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from services.common.kafka import ensure_topics
from services.common.settings import KafkaSettings


async def warm_broker(bootstrap: str, *, seconds: float = 8.0) -> int:
    """Produce small acks=all messages, a few dozen in flight, while a consumer fetches them,
    for `seconds`; returns how many messages went through."""
    topic = f"claimwatch-bench-warmup-{uuid.uuid4().hex[:8]}"
    await ensure_topics(KafkaSettings(bootstrap_servers=bootstrap), [topic], partitions=4)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None
    )
    await producer.start()
    await consumer.start()
    sent = 0
    try:
        stop = time.monotonic() + seconds

        async def drain() -> None:
            while time.monotonic() < stop:
                await consumer.getmany(timeout_ms=200)

        reader = asyncio.create_task(drain())
        while time.monotonic() < stop:
            pending = [
                await producer.send(topic, b"x" * 800, key=str(sent + i).encode())
                for i in range(32)
            ]
            await asyncio.gather(*pending)
            sent += len(pending)
        await reader
    finally:
        await consumer.stop()
        await producer.stop()
    return sent

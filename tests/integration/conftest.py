"""Integration helpers over the real brokers: settings pointing at them, reading a topic."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

import pytest
from aiokafka import AIOKafkaConsumer, ConsumerRecord

from services.common.settings import KafkaSettings, RedisSettings

ReadTopic = Callable[..., Awaitable[list[ConsumerRecord[bytes, bytes]]]]


@pytest.fixture
def kafka_settings(kafka_bootstrap: str) -> KafkaSettings:
    """KafkaSettings for the test broker (Apache Kafka: the idempotent producer works)."""
    return KafkaSettings(bootstrap_servers=kafka_bootstrap, client_id="claimwatch-test")


@pytest.fixture
def redis_settings(redis_url: str, key_prefix: str) -> RedisSettings:
    return RedisSettings(url=redis_url, key_prefix=key_prefix)


@pytest.fixture
def read_topic(kafka_bootstrap: str) -> ReadTopic:
    """await read_topic(topic, count, timeout=30): the first `count` records, from offset 0.

    Polls with a deadline instead of sleeping; fails with what it did get when the deadline
    passes, so a missing message shows up as a clear assertion rather than a hang.
    """

    async def read(
        topic: str, count: int, timeout: float = 30.0
    ) -> list[ConsumerRecord[bytes, bytes]]:
        consumer = AIOKafkaConsumer(
            topic,
            bootstrap_servers=kafka_bootstrap,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
        )
        await consumer.start()
        records: list[ConsumerRecord[bytes, bytes]] = []
        deadline = time.monotonic() + timeout
        try:
            while len(records) < count and time.monotonic() < deadline:
                batch = await consumer.getmany(timeout_ms=500)
                for part in batch.values():
                    records.extend(part)
        finally:
            await consumer.stop()
        if len(records) < count:
            pytest.fail(f"read {len(records)} of {count} records from {topic!r} in {timeout}s")
        # One partition keeps order; across partitions, order by (partition, offset).
        records.sort(key=lambda r: (r.partition, r.offset))
        return records

    return read

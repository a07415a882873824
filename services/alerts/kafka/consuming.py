"""What the service's Kafka consumers share: dead letters, retrying Redis, commit per batch."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeAlias

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord
from redis.exceptions import RedisError

from schemas.dead_letters import DeadLetter
from services.alerts.cancel import reraise_if_cancelling
from services.alerts.metrics import DEAD_LETTERED
from services.common.kafka import encode

log = logging.getLogger(__name__)

Record: TypeAlias = "ConsumerRecord[bytes, bytes]"


async def dead_letter(
    producer: AIOKafkaProducer, topic: str, *, stage: str, record: Record, error: Exception
) -> None:
    """Park an undecodable record on `dead-letters` with why, so that nothing is dropped."""
    letter = DeadLetter.of(
        stage=stage, topic=record.topic, raw=record.value, error=error,
        key=record.key, partition=record.partition, offset=record.offset,
    )  # fmt: skip
    await producer.send_and_wait(topic, encode(letter), key=record.key)
    DEAD_LETTERED.inc()
    log.warning(
        "undecodable record dead-lettered",
        extra={"stage": stage, "topic": record.topic, "partition": record.partition,
               "offset": record.offset},
    )  # fmt: skip


async def until_stored(write: Callable[[], Awaitable[object]], *, retry_seconds: float) -> None:
    """Redis trouble is transient: retry this record (keeping order) rather than skip it."""
    while True:
        try:
            await write()
            return
        except (RedisError, OSError) as exc:
            reraise_if_cancelling()
            log.warning("store failed, retrying: %s", type(exc).__name__)
            await asyncio.sleep(retry_seconds)


async def consume_committing(
    consumer: AIOKafkaConsumer, process: Callable[[Record], Awaitable[None]], *, max_records: int
) -> None:
    """At-least-once: a partition's batch is committed after every record of it was processed;
    a crash before the commit redelivers the batch, which idempotent handlers make harmless."""
    while True:
        batches = await consumer.getmany(timeout_ms=1000, max_records=max_records)
        for tp, records in batches.items():
            for record in records:
                await process(record)
            await consumer.commit({tp: records[-1].offset + 1})

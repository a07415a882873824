"""Consumer of `alerts`: decode, handle, then commit; bad records go to `dead-letters`."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord
from pydantic import ValidationError
from redis.exceptions import RedisError

from schemas.alerts import AlertRaised, SourceAttached, alert_event_adapter
from schemas.dead_letters import DeadLetter
from services.alerts.cancel import reraise_if_cancelling
from services.alerts.metrics import DEAD_LETTERED, HANDLE_SECONDS
from services.common.kafka import decode, encode

log = logging.getLogger(__name__)

STAGE = "store_alert"
Handle = Callable[[AlertRaised | SourceAttached], Awaitable[object]]


class AlertConsumer:
    """At-least-once: an offset is committed only after its record was stored and its deliveries
    enqueued; the handler is idempotent, so a redelivered record does no harm."""

    def __init__(
        self,
        consumer: AIOKafkaConsumer,
        producer: AIOKafkaProducer,
        *,
        handle: Handle,
        dead_letters_topic: str,
        retry_seconds: float = 1.0,
    ) -> None:
        self._consumer = consumer
        self._producer = producer
        self._handle = handle
        self._dead_letters = dead_letters_topic
        self._retry = retry_seconds

    async def process(self, record: ConsumerRecord[bytes, bytes]) -> None:
        try:
            event = decode(alert_event_adapter, record.value or b"")
        except ValidationError as exc:
            letter = DeadLetter.of(
                stage=STAGE, topic=record.topic, raw=record.value, error=exc,
                key=record.key, partition=record.partition, offset=record.offset,
            )  # fmt: skip
            await self._producer.send_and_wait(self._dead_letters, encode(letter), key=record.key)
            DEAD_LETTERED.inc()
            log.warning(
                "undecodable alert event dead-lettered",
                extra={"partition": record.partition, "offset": record.offset},
            )
            return
        # Redis trouble is transient: retry this record (keeping order) rather than skip it.
        while True:
            try:
                with HANDLE_SECONDS.time():
                    await self._handle(event)
                return
            except (RedisError, OSError) as exc:
                reraise_if_cancelling()
                log.warning("store failed, retrying: %s", type(exc).__name__)
                await asyncio.sleep(self._retry)

    async def run(self) -> None:
        while True:
            batches = await self._consumer.getmany(timeout_ms=1000, max_records=100)
            for tp, records in batches.items():
                for record in records:
                    await self.process(record)
                # Commit the batch of this partition; a crash before this redelivers it all.
                await self._consumer.commit({tp: records[-1].offset + 1})

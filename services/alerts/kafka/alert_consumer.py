"""Consumer of `alerts`: decode, handle, then commit; bad records go to `dead-letters`."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord
from pydantic import ValidationError

from schemas.alerts import AnyAlertEvent, alert_event_adapter
from services.alerts.kafka.consuming import consume_committing, dead_letter, until_stored
from services.alerts.metrics import HANDLE_SECONDS
from services.common.kafka import decode

log = logging.getLogger(__name__)

STAGE = "store_alert"
Handle = Callable[[AnyAlertEvent], Awaitable[object]]


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
            await dead_letter(
                self._producer, self._dead_letters, stage=STAGE, record=record, error=exc
            )
            return

        async def store() -> None:
            with HANDLE_SECONDS.time():
                await self._handle(event)

        await until_stored(store, retry_seconds=self._retry)

    async def run(self) -> None:
        await consume_committing(self._consumer, self.process, max_records=100)

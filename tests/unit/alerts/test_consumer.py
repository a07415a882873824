"""The alerts consumer with fakes: garbage goes to dead letters, Redis trouble is retried."""

from __future__ import annotations

import asyncio
from typing import Any, cast

from aiokafka import ConsumerRecord
from redis.exceptions import ConnectionError as RedisConnectionError

from schemas.dead_letters import DeadLetter
from services.alerts.kafka.alert_consumer import AlertConsumer
from services.common.kafka import encode
from tests.support.factories import raised


class FakeProducer:
    def __init__(self) -> None:
        self.sent: list[tuple[str, bytes, bytes | None]] = []

    async def send_and_wait(self, topic: str, value: bytes, key: bytes | None = None) -> None:
        self.sent.append((topic, value, key))


def record(value: bytes, offset: int = 7) -> ConsumerRecord[bytes, bytes]:
    return ConsumerRecord(topic="alerts", partition=2, offset=offset, timestamp=0,
                          timestamp_type=0, key=b"Russia", value=value, checksum=None,
                          serialized_key_size=6, serialized_value_size=len(value),
                          headers=())  # fmt: skip


async def test_undecodable_record_is_dead_lettered_and_not_handled() -> None:
    producer, handled = FakeProducer(), []

    async def handle(event: Any) -> None:
        handled.append(event)

    consumer = AlertConsumer(cast(Any, None), cast(Any, producer), handle=handle,
                             dead_letters_topic="dead-letters")  # fmt: skip
    await consumer.process(record(b'{"kind": "raised"}'))
    assert handled == []
    topic, value, key = producer.sent[0]
    letter = DeadLetter.model_validate_json(value)
    assert topic == "dead-letters" and key == b"Russia"
    assert (letter.stage, letter.partition, letter.offset) == ("store_alert", 2, 7)
    assert letter.raw_bytes() == b'{"kind": "raised"}'


async def test_redis_failure_is_retried_until_the_event_is_stored() -> None:
    attempts = []

    async def handle(event: Any) -> None:
        attempts.append(event)
        if len(attempts) < 3:
            raise RedisConnectionError("down")

    consumer = AlertConsumer(cast(Any, None), cast(Any, FakeProducer()), handle=handle,
                             dead_letters_topic="dead-letters", retry_seconds=0)  # fmt: skip
    await asyncio.wait_for(consumer.process(record(encode(raised()))), 5)
    assert len(attempts) == 3 and attempts[0].alert.alert_id == "al_1"

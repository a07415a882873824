"""Kafka wire and clients: the only place where models become bytes and bytes become models."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any, TypeVar, overload

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.client import AIOKafkaClient
from aiokafka.errors import KafkaError
from pydantic import BaseModel, TypeAdapter

from services.common.settings import KafkaSettings, TopicSettings

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

_TOPIC_ALREADY_EXISTS = 36  # Kafka protocol error code: creating an existing topic is fine


def encode(event: BaseModel) -> bytes:
    """A model as it travels: its JSON, UTF-8."""
    return event.model_dump_json().encode("utf-8")


@overload
def decode(model: type[M], raw: bytes) -> M: ...
@overload
def decode(model: TypeAdapter[T], raw: bytes) -> T: ...
def decode(model: type[M] | TypeAdapter[T], raw: bytes) -> M | T:
    """Bytes from a topic, validated into `model` (a model class or a TypeAdapter for unions).

    Raises pydantic.ValidationError for anything that is not a valid message: callers send
    it to `dead-letters` rather than guess.
    """
    if isinstance(model, TypeAdapter):
        return model.validate_json(raw)
    return model.model_validate_json(raw)


def encode_key(key: str) -> bytes:
    return key.encode("utf-8")


def make_producer(kafka: KafkaSettings, **overrides: Any) -> AIOKafkaProducer:
    """A producer that loses nothing: acks=all, idempotent when the broker supports it.

    Values and keys are bytes (see `encode`/`encode_key`). Pass `compression_type="gzip"` (or
    "lz4" where the lz4 package is installed) and other aiokafka options as overrides.
    """
    options: dict[str, Any] = {
        "bootstrap_servers": kafka.bootstrap_servers,
        "client_id": kafka.client_id,
        "acks": "all",
        "enable_idempotence": kafka.idempotent_producer,
        "request_timeout_ms": kafka.request_timeout_ms,
    }
    options.update(overrides)
    return AIOKafkaProducer(**options)


def topic_names(topics: TopicSettings) -> list[str]:
    return [topics.articles, topics.claims, topics.alerts, topics.dead_letters]


async def ensure_topics(
    kafka: KafkaSettings,
    names: Iterable[str] | TopicSettings,
    partitions: int | None = None,
    replication: int | None = None,
) -> list[str]:
    """Create the topics that are missing; existing ones are left as they are. Returns the created.

    `names` may be a TopicSettings, which brings its own partition and replication counts.
    """
    if isinstance(names, TopicSettings):
        partitions = partitions or names.partitions
        replication = replication or names.replication_factor
        names = topic_names(names)
    wanted = list(dict.fromkeys(names))
    admin = AIOKafkaAdminClient(
        bootstrap_servers=kafka.bootstrap_servers,
        client_id=f"{kafka.client_id}-admin",
        request_timeout_ms=kafka.request_timeout_ms,
    )
    try:
        await admin.start()
        existing = set(await admin.list_topics())
        missing = [name for name in wanted if name not in existing]
        if not missing:
            return []
        response = await admin.create_topics(
            [NewTopic(name, partitions or 1, replication or 1) for name in missing]
        )
        created = []
        for topic, code, *rest in response.topic_errors:
            if code == 0:
                created.append(topic)
            elif code != _TOPIC_ALREADY_EXISTS:  # another process won the race: fine
                detail = rest[0] if rest and rest[0] else f"error code {code}"
                raise KafkaError(f"cannot create topic {topic}: {detail}")
        log.info("created topics", extra={"topics": created})
        return created
    finally:
        await admin.close()


async def kafka_reachable(kafka: KafkaSettings, timeout_s: float = 3.0) -> bool:
    """Whether a broker answers a metadata request within `timeout_s` (a readiness check)."""
    client = AIOKafkaClient(
        bootstrap_servers=kafka.bootstrap_servers,
        client_id=f"{kafka.client_id}-probe",
        request_timeout_ms=max(1_000, int(timeout_s * 1000)),
    )
    try:
        await asyncio.wait_for(client.bootstrap(), timeout_s)
    except (KafkaError, OSError, TimeoutError) as exc:
        log.warning("kafka unreachable", extra={"error": f"{type(exc).__name__}: {exc}"})
        return False
    finally:
        await client.close()
    return True

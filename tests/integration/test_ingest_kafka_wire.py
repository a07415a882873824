"""services.common.kafka on the real broker: topic creation is idempotent, reachability is true."""

from __future__ import annotations

import socket
from collections.abc import Callable

from aiokafka.admin import AIOKafkaAdminClient

from schemas.articles import Article, ArticlePublished
from services.common.kafka import (
    decode,
    encode,
    encode_key,
    ensure_topics,
    kafka_reachable,
    make_producer,
)
from services.common.settings import KafkaSettings


async def test_ensure_topics_creates_missing_and_accepts_existing(
    kafka_settings: KafkaSettings, unique_topic: Callable[..., str]
) -> None:
    first, second = unique_topic("wire"), unique_topic("wire")
    assert await ensure_topics(kafka_settings, [first], 3, 1) == [first]
    assert await ensure_topics(kafka_settings, [first, second], 3, 1) == [second]
    assert await ensure_topics(kafka_settings, [first, second], 3, 1) == []
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka_settings.bootstrap_servers)
    await admin.start()
    try:
        [described] = await admin.describe_topics([first])
    finally:
        await admin.close()
    assert len(described["partitions"]) == 3


async def test_idempotent_producer_round_trip(
    kafka_settings: KafkaSettings, unique_topic: Callable[..., str], read_topic
) -> None:
    topic = unique_topic("wire")
    await ensure_topics(kafka_settings, [topic], 1, 1)
    event = ArticlePublished(article=Article(id="w-1", text="Somebody denied something."))
    producer = make_producer(kafka_settings)
    assert kafka_settings.idempotent_producer
    await producer.start()
    try:
        await producer.send_and_wait(topic, encode(event), key=encode_key("w-1"))
    finally:
        await producer.stop()
    [record] = await read_topic(topic, 1)
    assert record.key == b"w-1"
    assert decode(ArticlePublished, record.value) == event


async def test_reachability(kafka_settings: KafkaSettings) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert await kafka_reachable(kafka_settings)
    assert not await kafka_reachable(KafkaSettings(bootstrap_servers=f"127.0.0.1:{port}"))

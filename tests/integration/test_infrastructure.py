"""The brokers `make test` starts: Apache Kafka of the pinned version, and Redis with AOF on."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import redis.asyncio as aioredis
from aiokafka import AIOKafkaProducer, ConsumerRecord
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

PINNED_VERSION = (Path(__file__).parents[2] / "deploy" / "kafka-version").read_text().strip()
ReadTopic = Callable[..., Awaitable[list[ConsumerRecord[bytes, bytes]]]]


async def test_broker_is_apache_kafka_of_the_pinned_version(
    kafka_bootstrap: str, kafka_broker_version: str | None
) -> None:
    assert kafka_broker_version == PINNED_VERSION
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    await admin.start()
    try:
        cluster = await admin.describe_cluster()
    finally:
        await admin.close()
    # KRaft single node: one broker, which is also the controller, at the address we dialled.
    (broker,) = cluster["brokers"]
    assert f"{broker['host']}:{broker['port']}" == kafka_bootstrap
    assert cluster["controller_id"] == broker["node_id"]


async def test_round_trip_is_byte_for_byte(
    kafka_bootstrap: str, unique_topic: Callable[..., str], read_topic: ReadTopic
) -> None:
    topic = unique_topic("infra")
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)])
    finally:
        await admin.close()
    # Every byte value, invalid UTF-8 and an empty value: nothing may be re-encoded on the way.
    sent = [
        (b"key-1", bytes(range(256))),
        (b"key-2", "Peskov denied it — «никогда».".encode()),
        (b"key-3", b"\xff\xfe\x00not-utf8"),
        (b"key-4", b""),
    ]
    producer = AIOKafkaProducer(
        bootstrap_servers=kafka_bootstrap, acks="all", enable_idempotence=True
    )
    await producer.start()
    try:
        for key, value in sent:
            await producer.send_and_wait(topic, value, key=key)
    finally:
        await producer.stop()
    records = await read_topic(topic, len(sent))
    assert [(r.key, r.value) for r in records] == sent


async def test_redis_persists_with_append_only_file(redis_url: str, key_prefix: str) -> None:
    client = aioredis.Redis.from_url(redis_url)
    key = f"{key_prefix}:probe"
    try:
        assert (await client.config_get("appendonly"))["appendonly"] == "yes"
        assert (await client.info("persistence"))["aof_enabled"] == 1
        await client.set(key, "kept")
        # Redis appends to the AOF before it answers (fsync follows within a second), so the
        # write is in the file already: this is what survives a restart.
        aof_dir = Path((await client.config_get("dir"))["dir"]) / "appendonlydir"
        written = b"".join(f.read_bytes() for f in aof_dir.glob("*.aof"))
        assert key.encode() in written
    finally:
        await client.delete(key)
        await client.aclose()

"""The Kafka consumers' loops: kept running across broker outages, each with fresh clients."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.errors import KafkaError

from schemas.alerts import AnyAlertEvent
from services.alerts.cancel import reraise_if_cancelling
from services.alerts.kafka.alert_consumer import AlertConsumer
from services.alerts.kafka.article_consumer import ArticleCacheConsumer
from services.alerts.kafka.readiness import KafkaReadiness
from services.alerts.redis.article_store import ArticleStore
from services.alerts.settings import Settings
from services.common.kafka import ensure_topics

log = logging.getLogger(__name__)

NewConsumer = Callable[[], AIOKafkaConsumer]
NewProducer = Callable[[], AIOKafkaProducer]
Handle = Callable[[AnyAlertEvent], Awaitable[object]]


async def consume_forever(name: str, consume: Callable[[], Awaitable[None]]) -> None:
    """Keep a consumer running: a broker that is not up yet, or goes away, is waited for."""
    delay = 1.0
    while True:
        try:
            await consume()
            return  # it had nothing to do
        except (KafkaError, OSError) as exc:
            reraise_if_cancelling()
            log.warning("%s stopped (%s); restarting in %.0fs", name, exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0)


async def consume_alerts(
    settings: Settings,
    *,
    new_consumer: NewConsumer,
    new_producer: NewProducer,
    handle: Handle,
    readiness: KafkaReadiness,
) -> None:
    topics = settings.topics

    async def run(consumer: AIOKafkaConsumer, producer: AIOKafkaProducer) -> None:
        with readiness.watching(consumer):
            await AlertConsumer(
                consumer, producer, handle=handle, dead_letters_topic=topics.dead_letters
            ).run()

    await _with_clients(
        settings, [topics.alerts, topics.dead_letters], new_consumer, new_producer, run
    )


async def cache_articles(
    settings: Settings,
    *,
    new_consumer: NewConsumer,
    new_producer: NewProducer,
    store: ArticleStore,
) -> None:
    topics = settings.topics

    async def run(consumer: AIOKafkaConsumer, producer: AIOKafkaProducer) -> None:
        await ArticleCacheConsumer(
            consumer,
            producer,
            store=store,
            claims_topic=topics.claims,
            dead_letters_topic=topics.dead_letters,
        ).run()

    await _with_clients(
        settings,
        [topics.articles, topics.claims, topics.dead_letters],
        new_consumer,
        new_producer,
        run,
    )


async def _with_clients(
    settings: Settings,
    topic_names: list[str],
    new_consumer: NewConsumer,
    new_producer: NewProducer,
    run: Callable[[AIOKafkaConsumer, AIOKafkaProducer], Awaitable[None]],
) -> None:
    """One run of a consumer loop: its topics made sure of, fresh clients started for `run`,
    and stopped however it ends (a broker outage ends it; `consume_forever` starts the next)."""
    topics = settings.topics
    await ensure_topics(settings.kafka, topic_names, topics.partitions, topics.replication_factor)
    consumer, producer = new_consumer(), new_producer()
    try:
        await producer.start()
        await consumer.start()
        await run(consumer, producer)
    finally:
        await consumer.stop()
        await producer.stop()

"""Background work beside the API: the `alerts` consumer, the article cache, delivery workers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from aiokafka import AIOKafkaConsumer
from aiokafka.errors import KafkaError

from schemas.alerts import AnyAlertEvent
from services.alerts.article_consumer import ArticleCacheConsumer
from services.alerts.cancel import reraise_if_cancelling
from services.alerts.consumer import AlertConsumer
from services.alerts.deliveries import run_workers
from services.alerts.handlers import handle_alert_event
from services.alerts.runtime import Components
from services.alerts.settings import Settings
from services.alerts.webhooks import WebhookSender
from services.common.kafka import ensure_topics, make_producer

log = logging.getLogger(__name__)


def make_consumer(settings: Settings) -> AIOKafkaConsumer:
    return AIOKafkaConsumer(
        settings.topics.alerts,
        bootstrap_servers=settings.kafka.bootstrap_servers,
        client_id=f"{settings.kafka.client_id}-alerts",
        group_id=settings.consumer_group,
        enable_auto_commit=False,  # we commit after storing: at-least-once
        auto_offset_reset="earliest",
        request_timeout_ms=settings.kafka.request_timeout_ms,
    )


def make_article_consumer(settings: Settings) -> AIOKafkaConsumer:
    """`articles` and `claims` in a group of their own: its offsets are not the alerts'."""
    return AIOKafkaConsumer(
        settings.topics.articles,
        settings.topics.claims,
        bootstrap_servers=settings.kafka.bootstrap_servers,
        client_id=f"{settings.kafka.client_id}-alerts-articles",
        group_id=settings.articles_group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        request_timeout_ms=settings.kafka.request_timeout_ms,
    )


Consume = Callable[[Settings, Components], Awaitable[None]]


async def _consume_forever(settings: Settings, comp: Components, consume: Consume) -> None:
    """Keep a consumer running: a broker that is not up yet, or goes away, is waited for."""
    delay = 1.0
    while True:
        try:
            await consume(settings, comp)
            return  # it had nothing to do
        except (KafkaError, OSError) as exc:
            reraise_if_cancelling()
            log.warning("%s stopped (%s); restarting in %.0fs", consume.__name__, exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0)


async def _consume(settings: Settings, comp: Components) -> None:
    await ensure_topics(settings.kafka, [settings.topics.alerts, settings.topics.dead_letters],
                        settings.topics.partitions, settings.topics.replication_factor)  # fmt: skip
    consumer = make_consumer(settings)
    producer = make_producer(settings.kafka)

    async def handle(event: AnyAlertEvent) -> object:
        return await handle_alert_event(
            event, store=comp.store, subscriptions=comp.subscriptions,
            queue=comp.queue, resolve=comp.resolve, articles=comp.articles,
        )  # fmt: skip

    try:
        await producer.start()
        await consumer.start()
        comp.kafka_ready = _ready_probe(consumer)
        await AlertConsumer(
            consumer, producer, handle=handle, dead_letters_topic=settings.topics.dead_letters
        ).run()
    finally:
        # Also when cancelled half-way through start-up (joining a group takes seconds).
        comp.kafka_ready = None
        await consumer.stop()
        await producer.stop()


async def _cache_articles(settings: Settings, comp: Components) -> None:
    if comp.articles is None:
        return
    topics = settings.topics
    await ensure_topics(settings.kafka, [topics.articles, topics.claims, topics.dead_letters],
                        topics.partitions, topics.replication_factor)  # fmt: skip
    consumer = make_article_consumer(settings)
    producer = make_producer(settings.kafka)
    try:
        await producer.start()
        await consumer.start()
        await ArticleCacheConsumer(
            consumer, producer, store=comp.articles, claims_topic=topics.claims,
            dead_letters_topic=topics.dead_letters,
        ).run()  # fmt: skip
    finally:
        await consumer.stop()
        await producer.stop()


def _ready_probe(consumer: AIOKafkaConsumer):  # type: ignore[no-untyped-def]
    async def ready() -> bool:
        try:
            await asyncio.wait_for(consumer.topics(), 2.0)
        except Exception:
            return False
        return True

    return ready


@contextlib.asynccontextmanager
async def run_background(settings: Settings, comp: Components) -> AsyncIterator[None]:
    """Consumer and delivery workers as tasks for the app's lifetime; cancelled on shutdown."""
    webhooks = WebhookSender(
        allow=comp.allow, timeout=settings.delivery.timeout_seconds, resolve=comp.dns
    )
    worker = comp.worker(settings, webhooks)
    tasks = [
        asyncio.create_task(_consume_forever(settings, comp, _consume), name="alerts-consumer"),
        asyncio.create_task(
            _consume_forever(settings, comp, _cache_articles), name="article-cache-consumer"
        ),
        asyncio.create_task(
            run_workers(worker, base_name=settings.consumer_name, count=settings.delivery.workers),
            name="delivery-workers",
        ),
    ]
    for task in tasks:
        task.add_done_callback(_report_crash)
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await webhooks.aclose()


def _report_crash(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("background task %s stopped: %r", task.get_name(), task.exception())

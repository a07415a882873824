"""Background work beside the API: the `alerts` consumer and the delivery workers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from aiokafka import AIOKafkaConsumer
from aiokafka.errors import KafkaError

from schemas.alerts import AlertRaised, SourceAttached
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


async def _consume_forever(settings: Settings, comp: Components) -> None:
    """Keep a consumer running: a broker that is not up yet, or goes away, is waited for."""
    delay = 1.0
    while True:
        try:
            await _consume(settings, comp)
        except (KafkaError, OSError) as exc:
            reraise_if_cancelling()
            log.warning("alerts consumer stopped (%s); restarting in %.0fs", exc, delay)
            comp.kafka_ready = None
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0)


async def _consume(settings: Settings, comp: Components) -> None:
    await ensure_topics(settings.kafka, [settings.topics.alerts, settings.topics.dead_letters],
                        settings.topics.partitions, settings.topics.replication_factor)  # fmt: skip
    consumer = make_consumer(settings)
    producer = make_producer(settings.kafka)

    async def handle(event: AlertRaised | SourceAttached) -> object:
        return await handle_alert_event(
            event, store=comp.store, subscriptions=comp.subscriptions,
            queue=comp.queue, resolve=comp.resolve,
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
        asyncio.create_task(_consume_forever(settings, comp), name="alerts-consumer"),
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

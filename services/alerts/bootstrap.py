"""The alert service's composition root: every client, store, consumer and worker is built here.

`python -m services.alerts` calls `build_app`; integration tests call `build_components` and
`run_background` with their own Redis, and unit tests give `api.create_app` fakes instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from fastapi import FastAPI
from redis.asyncio import Redis

from schemas.alerts import AnyAlertEvent
from services.alerts.components import Components
from services.alerts.delivery.apprise_channel import AppriseSender
from services.alerts.delivery.webhooks import WebhookSender
from services.alerts.delivery.worker import DeliveryWorker, run_workers
from services.alerts.handlers import handle_alert_event
from services.alerts.http.api import create_app
from services.alerts.kafka.loops import cache_articles, consume_alerts, consume_forever
from services.alerts.matching import Resolve
from services.alerts.redis.alert_store import RedisAlertStore
from services.alerts.redis.article_store import RedisArticleStore
from services.alerts.redis.delivery_queue import RedisDeliveryQueue
from services.alerts.redis.keys import Keys
from services.alerts.redis.subscription_store import RedisSubscriptionStore
from services.alerts.settings import Settings
from services.common.kafka import make_producer
from services.common.ssrf import AllowList, Resolver, system_resolver

log = logging.getLogger(__name__)


def default_resolve() -> Resolve:
    """The actors knowledge base ('Kremlin' -> 'Russia')."""
    from services.actors import resolve_actor

    resolve: Resolve = resolve_actor
    return resolve


def redis_client(settings: Settings) -> Redis:
    """A client; it connects on first use, so building it opens nothing."""
    password = settings.redis.password.get_secret_value() if settings.redis.password else None
    return Redis.from_url(settings.redis.url, password=password)


def build_components(
    settings: Settings,
    redis: Redis,
    *,
    resolve: Resolve | None = None,
    dns: Resolver = system_resolver,
) -> Components:
    keys = Keys(settings.redis.key_prefix)
    return Components(
        redis=redis,
        store=RedisAlertStore(redis, keys, event_maxlen=settings.event_stream_maxlen),
        subscriptions=RedisSubscriptionStore(redis, keys),
        queue=RedisDeliveryQueue(redis, keys),
        resolve=resolve or default_resolve(),
        allow=AllowList.parse(settings.delivery.allow_hosts),
        dns=dns,
        articles=RedisArticleStore(
            redis,
            keys,
            cache_seconds=settings.article_cache_seconds,
            retention_seconds=settings.article_retention_seconds,
        ),
    )


def alerts_consumer(settings: Settings) -> AIOKafkaConsumer:
    return AIOKafkaConsumer(
        settings.topics.alerts,
        bootstrap_servers=settings.kafka.bootstrap_servers,
        client_id=f"{settings.kafka.client_id}-alerts",
        group_id=settings.consumer_group,
        enable_auto_commit=False,  # we commit after storing: at-least-once
        auto_offset_reset="earliest",
        request_timeout_ms=settings.kafka.request_timeout_ms,
    )


def articles_consumer(settings: Settings) -> AIOKafkaConsumer:
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


def delivery_worker(
    settings: Settings, comp: Components, webhooks: WebhookSender
) -> DeliveryWorker:
    return DeliveryWorker(
        queue=comp.queue,
        subscriptions=comp.subscriptions,
        webhooks=webhooks,
        apprise=AppriseSender(allow=comp.allow, resolve=comp.dns).send,
        settings=settings.delivery,
    )


@contextlib.asynccontextmanager
async def run_background(settings: Settings, comp: Components) -> AsyncIterator[None]:
    """Consumers and delivery workers as tasks for the app's lifetime; cancelled on shutdown."""
    webhooks = WebhookSender(
        allow=comp.allow, timeout=settings.delivery.timeout_seconds, resolve=comp.dns
    )
    worker = delivery_worker(settings, comp, webhooks)

    def new_producer() -> AIOKafkaProducer:
        return make_producer(settings.kafka)

    async def handle(event: AnyAlertEvent) -> object:
        return await handle_alert_event(
            event,
            store=comp.store,
            subscriptions=comp.subscriptions,
            queue=comp.queue,
            resolve=comp.resolve,
            articles=comp.articles,
        )

    async def alerts() -> None:
        await consume_alerts(
            settings,
            new_consumer=lambda: alerts_consumer(settings),
            new_producer=new_producer,
            handle=handle,
            readiness=comp.readiness,
        )

    async def articles() -> None:
        if comp.articles is not None:
            await cache_articles(
                settings,
                new_consumer=lambda: articles_consumer(settings),
                new_producer=new_producer,
                store=comp.articles,
            )

    tasks = [
        asyncio.create_task(consume_forever("alerts consumer", alerts), name="alerts-consumer"),
        asyncio.create_task(
            consume_forever("article cache consumer", articles), name="article-cache-consumer"
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


def build_app(settings: Settings) -> FastAPI:
    """The whole service: API, consumers and workers over one Redis client, closed on shutdown."""
    comp = build_components(settings, redis_client(settings))

    @contextlib.asynccontextmanager
    async def background(settings: Settings, comp: Components) -> AsyncIterator[None]:
        try:
            async with run_background(settings, comp):
                yield
        finally:
            await comp.redis.aclose()

    return create_app(settings, components=comp, background=background)

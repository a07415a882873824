"""The service's collaborators, opened from settings in one place and closed together."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from redis.asyncio import Redis

from services.alerts.apprise_channel import AppriseSender
from services.alerts.article_store import ArticleStore, RedisArticleStore
from services.alerts.deliveries import DeliveryWorker
from services.alerts.delivery_queue import DeliveryQueue, RedisDeliveryQueue
from services.alerts.keys import Keys
from services.alerts.settings import Settings
from services.alerts.store import AlertStore, RedisAlertStore
from services.alerts.subscription_store import RedisSubscriptionStore, SubscriptionStore
from services.alerts.subscriptions import Resolve
from services.alerts.webhooks import WebhookSender
from services.common.ssrf import AllowList, Resolver, system_resolver


def default_resolve() -> Resolve:
    """The actors knowledge base ('Kremlin' -> 'Russia')."""
    from services.actors import resolve_actor

    resolve: Resolve = resolve_actor
    return resolve


@dataclass
class Components:
    redis: Redis
    store: AlertStore
    subscriptions: SubscriptionStore
    queue: DeliveryQueue
    resolve: Resolve
    allow: AllowList
    dns: Resolver
    kafka_ready: Callable[[], Awaitable[bool]] | None = None
    # Articles' text and claims for the article view; None: the view shows alerts' sentences.
    articles: ArticleStore | None = None

    def worker(self, settings: Settings, webhooks: WebhookSender) -> DeliveryWorker:
        return DeliveryWorker(
            queue=self.queue,
            subscriptions=self.subscriptions,
            webhooks=webhooks,
            apprise=AppriseSender(allow=self.allow, resolve=self.dns).send,
            settings=settings.delivery,
        )


def build_components(
    settings: Settings,
    redis: Redis,
    *,
    resolve: Resolve | None = None,
    dns: Resolver = system_resolver,
    kafka_ready: Callable[[], Awaitable[bool]] | None = None,
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
        kafka_ready=kafka_ready,
        articles=RedisArticleStore(
            redis,
            keys,
            cache_seconds=settings.article_cache_seconds,
            retention_seconds=settings.article_retention_seconds,
        ),
    )


def redis_client(settings: Settings) -> Redis:
    password = settings.redis.password.get_secret_value() if settings.redis.password else None
    return Redis.from_url(settings.redis.url, password=password)


@asynccontextmanager
async def open_redis(settings: Settings) -> AsyncIterator[Redis]:
    client = redis_client(settings)
    try:
        yield client
    finally:
        await client.aclose()

"""The service's collaborators, opened from settings in one place and closed together."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass

from redis.asyncio import Redis

from services.common.feed_registry import FeedRegistry
from services.ingest.language import default_check
from services.ingest.publisher import ArticlePublisher, open_kafka_publisher
from services.sources.fetch import Fetcher, Guard
from services.sources.hosts import HostGate
from services.sources.metrics import SourceMetrics
from services.sources.poller import Poller
from services.sources.robots import Robots
from services.sources.seen import SeenPages
from services.sources.settings import Settings


@dataclass
class Components:
    redis: Redis
    feeds: FeedRegistry
    guard: Guard
    poller: Poller


def redis_client(settings: Settings) -> Redis:
    password = settings.redis.password.get_secret_value() if settings.redis.password else None
    return Redis.from_url(settings.redis.url, password=password)


def build_components(
    settings: Settings,
    redis: Redis,
    publisher: ArticlePublisher,
    metrics: SourceMetrics,
    *,
    guard: Guard | None = None,
) -> tuple[Components, Fetcher]:
    """Everything but the connections, which the caller opened (and closes)."""
    fetch = settings.fetch
    guard = guard or Guard.parse(fetch.allow_hosts)
    fetcher = Fetcher(
        guard=guard,
        gate=HostGate(fetch.min_host_interval_seconds),
        user_agent=fetch.user_agent,
        timeout=fetch.timeout_seconds,
        max_redirects=fetch.max_redirects,
    )
    prefix = settings.redis.key_prefix
    feeds = FeedRegistry(redis, prefix)
    poller = Poller(
        settings=settings,
        fetcher=fetcher,
        robots=Robots(fetcher, cache_seconds=fetch.robots_cache_seconds),
        seen=SeenPages(
            redis,
            prefix,
            ttl_seconds=settings.poll.seen_ttl_seconds,
            attempts=settings.poll.page_attempts,
        ),
        feeds=feeds,
        publisher=publisher,
        metrics=metrics,
        language_of=default_check() if settings.language_check else None,
    )
    return Components(redis, feeds, guard, poller), fetcher


@asynccontextmanager
async def open_components(settings: Settings, metrics: SourceMetrics) -> AsyncIterator[Components]:
    """Redis, a Kafka publisher on `articles` and an HTTP client, closed in reverse order."""
    async with AsyncExitStack() as stack:
        redis = redis_client(settings)
        stack.push_async_callback(redis.aclose)
        publisher = await stack.enter_async_context(
            open_kafka_publisher(
                settings.kafka, settings.topics, create_topics=settings.create_topics
            )
        )
        components, fetcher = build_components(settings, redis, publisher, metrics)
        stack.push_async_callback(fetcher.aclose)
        yield components

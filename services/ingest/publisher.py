"""Publishing articles: the `ArticlePublisher` port and its Kafka adapter (service and replay)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from aiokafka import AIOKafkaProducer

from schemas.articles import Article, ArticlePublished
from services.common.kafka import encode, encode_key, ensure_topics, make_producer
from services.common.settings import KafkaSettings, TopicSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Published:
    """Where one article landed: its key and the position Kafka gave it."""

    article_id: str
    topic: str
    partition: int
    offset: int


class ArticlePublisher(Protocol):
    async def publish(self, articles: Sequence[Article]) -> list[Published]:
        """Publish in order; returns once every article is acknowledged, or raises."""
        ...


class KafkaArticlePublisher:
    """`ArticlePublished` events on the articles topic, keyed by article id.

    The key is the article id, so the same article sent twice lands on the same partition
    and compacts and deduplicates as one; the producer is acks=all (and idempotent when the
    broker supports it), so an acknowledged article survives a broker failover.
    """

    def __init__(self, producer: AIOKafkaProducer, topic: str) -> None:
        self.producer = producer
        self.topic = topic

    async def publish(self, articles: Sequence[Article]) -> list[Published]:
        # Queue them all first, then wait: one round trip for a batch, same order per key.
        pending: list[tuple[Article, asyncio.Future[Any]]] = []
        for article in articles:
            value = encode(ArticlePublished(article=article))
            future = await self.producer.send(self.topic, value, key=encode_key(article.id))
            pending.append((article, future))
        out = []
        for article, future in pending:
            metadata = await future
            out.append(Published(article.id, metadata.topic, metadata.partition, metadata.offset))
            log.info(
                "article published",
                extra={
                    "article_id": article.id,
                    "topic": metadata.topic,
                    "partition": metadata.partition,
                    "offset": metadata.offset,
                },
            )
        return out


@asynccontextmanager
async def open_kafka_publisher(
    kafka: KafkaSettings,
    topics: TopicSettings,
    *,
    create_topics: bool = True,
    **producer_overrides: Any,
) -> AsyncIterator[KafkaArticlePublisher]:
    """A started publisher on `topics.articles` (created first when missing), stopped on exit."""
    if create_topics:
        await ensure_topics(kafka, topics)
    producer = make_producer(kafka, **producer_overrides)
    try:
        await producer.start()
    except BaseException:
        await producer.stop()  # a half-started producer still holds a client to close
        raise
    try:
        yield KafkaArticlePublisher(producer, topics.articles)
    finally:
        # stop() flushes what is still queued, so a clean shutdown loses nothing accepted.
        await producer.stop()

"""Consumer of `articles` and `claims` for the article view: each article and claim is cached."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord
from pydantic import ValidationError
from redis.exceptions import RedisError

from schemas.articles import ArticlePublished
from schemas.claims import ClaimExtracted
from schemas.dead_letters import DeadLetter
from services.alerts.article_store import ArticleStore
from services.alerts.articles import ArticleRecord
from services.alerts.cancel import reraise_if_cancelling
from services.alerts.metrics import ARTICLE_CACHE_WRITES, DEAD_LETTERED
from services.common.kafka import decode, encode

log = logging.getLogger(__name__)

STAGE = "cache_article"
Write = Callable[[], Awaitable[None]]


class ArticleCacheConsumer:
    """At-least-once like the alerts consumer: commit after the write; writes are idempotent."""

    def __init__(
        self,
        consumer: AIOKafkaConsumer,
        producer: AIOKafkaProducer,
        *,
        store: ArticleStore,
        claims_topic: str,
        dead_letters_topic: str,
        retry_seconds: float = 1.0,
    ) -> None:
        self._consumer = consumer
        self._producer = producer
        self._store = store
        self._claims = claims_topic
        self._dead_letters = dead_letters_topic
        self._retry = retry_seconds

    def _write_for(self, record: ConsumerRecord[bytes, bytes]) -> tuple[str, Write]:
        """Decode by topic: a claim from `claims`, anything else is from `articles`."""
        raw = record.value or b""
        if record.topic == self._claims:
            claim = decode(ClaimExtracted, raw).claim
            return "claim", lambda: self._store.put_claim(claim)
        article = ArticleRecord.of(decode(ArticlePublished, raw).article)
        return "article", lambda: self._store.put_article(article)

    async def process(self, record: ConsumerRecord[bytes, bytes]) -> None:
        try:
            kind, write = self._write_for(record)
        except ValidationError as exc:
            letter = DeadLetter.of(
                stage=STAGE, topic=record.topic, raw=record.value, error=exc,
                key=record.key, partition=record.partition, offset=record.offset,
            )  # fmt: skip
            await self._producer.send_and_wait(self._dead_letters, encode(letter), key=record.key)
            DEAD_LETTERED.inc()
            log.warning(
                "undecodable record dead-lettered",
                extra={"topic": record.topic, "partition": record.partition,
                       "offset": record.offset},
            )  # fmt: skip
            return
        # Redis trouble is transient: retry this record rather than lose the article's text.
        while True:
            try:
                await write()
                ARTICLE_CACHE_WRITES.labels(kind).inc()
                return
            except (RedisError, OSError) as exc:
                reraise_if_cancelling()
                log.warning("article cache write failed, retrying: %s", type(exc).__name__)
                await asyncio.sleep(self._retry)

    async def run(self) -> None:
        while True:
            batches = await self._consumer.getmany(timeout_ms=1000, max_records=200)
            for tp, records in batches.items():
                for record in records:
                    await self.process(record)
                await self._consumer.commit({tp: records[-1].offset + 1})

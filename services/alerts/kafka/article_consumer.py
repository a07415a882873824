"""Consumer of `articles` and `claims` for the article view: each article and claim is cached."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord
from pydantic import ValidationError

from schemas.articles import ArticlePublished
from schemas.claims import ClaimExtracted
from services.alerts.articles import ArticleRecord
from services.alerts.kafka.consuming import consume_committing, dead_letter, until_stored
from services.alerts.metrics import ARTICLE_CACHE_WRITES
from services.alerts.redis.article_store import ArticleStore
from services.common.kafka import decode

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
            await dead_letter(
                self._producer, self._dead_letters, stage=STAGE, record=record, error=exc
            )
            return
        # retried rather than skipped: skipping would lose the article's text
        await until_stored(write, retry_seconds=self._retry)
        ARTICLE_CACHE_WRITES.labels(kind).inc()

    async def run(self) -> None:
        await consume_committing(self._consumer, self.process, max_records=200)

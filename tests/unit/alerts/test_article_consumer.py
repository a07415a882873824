"""The article-cache consumer with fakes: articles and claims cached, garbage dead-lettered."""

from __future__ import annotations

import asyncio
from typing import Any, cast

from aiokafka import ConsumerRecord
from redis.exceptions import ConnectionError as RedisConnectionError
from test_consumer import FakeProducer

from schemas.articles import ArticleIn, ArticlePublished
from schemas.claims import ArticleRef, ClaimExtracted
from schemas.dead_letters import DeadLetter
from services.alerts.articles import ArticleRecord
from services.alerts.kafka.article_consumer import ArticleCacheConsumer
from services.common.kafka import encode
from tests.support.alert_fakes import FakeArticleStore
from tests.support.factories import ARTICLE_TEXT, make_claim

DENIAL = "The Kremlin denied it had asked China for military equipment."


def record(topic: str, value: bytes, offset: int = 3) -> ConsumerRecord[bytes, bytes]:
    return ConsumerRecord(topic=topic, partition=1, offset=offset, timestamp=0,
                          timestamp_type=0, key=b"art_1", value=value, checksum=None,
                          serialized_key_size=5, serialized_value_size=len(value),
                          headers=())  # fmt: skip


def consumer(store: Any, producer: FakeProducer | None = None) -> ArticleCacheConsumer:
    return ArticleCacheConsumer(
        cast(Any, None), cast(Any, producer or FakeProducer()), store=store,
        claims_topic="claims-t", dead_letters_topic="dead-t", retry_seconds=0,
    )  # fmt: skip


def published() -> ArticlePublished:
    article = ArticleIn(
        id="art_1", title="Talks in Vienna", text=ARTICLE_TEXT, source="Example News",
        url="https://news.example.org/vienna",
    ).to_article()  # fmt: skip
    return ArticlePublished(article=article)


async def test_an_article_and_its_claim_are_cached_by_topic() -> None:
    store = FakeArticleStore()
    await consumer(store).process(record("articles-t", encode(published())))
    claim = make_claim(DENIAL)
    extracted = ClaimExtracted(claim=claim, article=ArticleRef(article_id="art_1"))
    await consumer(store).process(record("claims-t", encode(extracted)))
    kept = store.records["art_1"]
    assert (kept.title, kept.text, kept.source) == ("Talks in Vienna", ARTICLE_TEXT, "Example News")
    assert kept.url == "https://news.example.org/vienna"
    assert list(store.claims["art_1"].values()) == [claim]


async def test_a_redelivered_claim_is_stored_once() -> None:
    store = FakeArticleStore()
    raw = encode(ClaimExtracted(claim=make_claim(DENIAL), article=ArticleRef(article_id="art_1")))
    for offset in (3, 3):
        await consumer(store).process(record("claims-t", raw, offset))
    assert len(store.claims["art_1"]) == 1


async def test_an_undecodable_record_is_dead_lettered_and_nothing_is_cached() -> None:
    store, producer = FakeArticleStore(), FakeProducer()
    # A claim on the articles topic is not an article: decoding is by topic.
    wrong = encode(ClaimExtracted(claim=make_claim(DENIAL), article=ArticleRef(article_id="a")))
    await consumer(store, producer).process(record("articles-t", wrong))
    await consumer(store, producer).process(record("claims-t", b"not json", offset=4))
    assert store.records == {} and store.claims == {}
    letters = [DeadLetter.model_validate_json(value) for _, value, _ in producer.sent]
    assert [(t, letter.stage, letter.topic, letter.offset) for (t, _, _), letter in
            zip(producer.sent, letters, strict=True)] == [
        ("dead-t", "cache_article", "articles-t", 3),
        ("dead-t", "cache_article", "claims-t", 4),
    ]  # fmt: skip


class FlakyStore(FakeArticleStore):
    """Redis answers the third attempt only."""

    def __init__(self) -> None:
        super().__init__()
        self.attempts = 0

    async def put_article(self, record: ArticleRecord) -> None:
        self.attempts += 1
        if self.attempts < 3:
            raise RedisConnectionError("down")
        await super().put_article(record)


async def test_redis_failure_is_retried_until_the_article_is_cached() -> None:
    store = FlakyStore()
    await asyncio.wait_for(consumer(store).process(record("articles-t", encode(published()))), 5)
    assert store.attempts == 3 and "art_1" in store.records

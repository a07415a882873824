"""Against real Redis and Kafka: articles' text and claims are cached briefly and kept once an
alert names the article, whichever of article, claims and alert arrives first."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from redis.asyncio import Redis

from schemas.alerts import Alert, AlertRaised, AlertSource, SourceAttached
from schemas.articles import ArticleIn, ArticlePublished
from schemas.claims import ArticleRef, Claim, ClaimExtracted, ClaimType, Span
from services.alerts.articles import ArticleRecord
from services.alerts.bootstrap import build_components, run_background
from services.alerts.http.api import create_app
from services.alerts.redis.article_store import RedisArticleStore
from services.alerts.redis.keys import Keys
from services.alerts.settings import Settings
from services.common.kafka import encode, ensure_topics
from services.common.settings import KafkaSettings, RedisSettings
from tests.support.alerts_support import API_KEY, alert_settings, resolve
from tests.support.polling import eventually

TEXT = (
    "Ministers gathered in Oslo on Friday. "
    "The Kremlin denied that it had moved troops to the border. "
    "Norway's foreign minister said the talks had been useful."
)
DENIAL = "The Kremlin denied that it had moved troops to the border."
REMARK = "Norway's foreign minister said the talks had been useful."
CACHE_SECONDS = 2
# The service test needs the alert to follow the cached article within the cache's lifetime.
SERVICE_CACHE_SECONDS = 5


def article(article_id: str) -> ArticlePublished:
    built = ArticleIn(id=article_id, title=f"Oslo talks ({article_id})", text=TEXT,
                      source="Test Wire", url=f"https://wire.example.org/{article_id}")  # fmt: skip
    return ArticlePublished(article=built.to_article())


def claim(article_id: str, sentence: str, type: ClaimType, speaker: str, actor: str) -> Claim:
    start = TEXT.index(sentence)
    return Claim(
        article_id=article_id, type=type, speaker=speaker, actor=actor, content=sentence,
        sentence=sentence, span=Span(start=start, end=start + len(sentence)),
        cue="denied" if type == ClaimType.DENIAL else "said", confidence=0.8,
    )  # fmt: skip


def claims_of(article_id: str) -> list[Claim]:
    return [
        claim(article_id, DENIAL, ClaimType.DENIAL, "Dmitry Peskov", "Russia"),
        claim(article_id, REMARK, ClaimType.ASSERTION, "Anniken Huitfeldt", "Norway"),
    ]


def extracted(c: Claim) -> ClaimExtracted:
    return ClaimExtracted(claim=c, article=ArticleRef(article_id=c.article_id))


def source_of(c: Claim) -> AlertSource:
    return AlertSource(article_id=c.article_id, title="Oslo talks", speaker=c.speaker,
                       sentence=c.sentence, span=c.span)  # fmt: skip


def alert_for(c: Claim, alert_id: str) -> AlertRaised:
    return AlertRaised(
        alert=Alert(
            alert_id=alert_id, actor=c.actor, type=c.type, speaker=c.speaker, content=c.content,
            sentence=c.sentence, cue=c.cue, confidence=c.confidence, first_source=source_of(c),
        )
    )  # fmt: skip


async def publish(kafka: KafkaSettings, topic: str, *events: Any) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=kafka.bootstrap_servers, acks="all")
    await producer.start()
    try:
        for event in events:
            await producer.send_and_wait(topic, encode(event), key=b"k")
    finally:
        await producer.stop()


# ---- the store alone, on real Redis ------------------------------------------------------


@pytest.fixture
async def redis(redis_settings: RedisSettings) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_settings.url)
    yield client
    await client.aclose()


def store(redis: Redis, prefix: str, *, retention: int = 3600) -> RedisArticleStore:
    return RedisArticleStore(
        redis, Keys(prefix), cache_seconds=CACHE_SECONDS, retention_seconds=retention
    )


async def put_all(articles: RedisArticleStore, article_id: str) -> None:
    await articles.put_article(ArticleRecord.of(article(article_id).article))
    for c in claims_of(article_id):
        await articles.put_claim(c)


async def test_pinned_articles_outlive_the_cache_in_either_order_and_others_expire(
    redis: Redis, key_prefix: str
) -> None:
    articles, keys = store(redis, key_prefix), Keys(key_prefix)
    await put_all(articles, "art-first")  # the article, then its alert
    await articles.pin("art-first")
    await articles.pin("art-late")  # the alert, then the article
    await put_all(articles, "art-late")
    await put_all(articles, "art-plain")  # no alert at all
    assert await articles.get("art-plain") is not None

    async def plain_gone() -> bool:
        return await articles.get("art-plain") is None

    await eventually(plain_gone, timeout=CACHE_SECONDS + 10)
    for article_id in ("art-first", "art-late"):
        kept = await articles.get(article_id)
        assert kept is not None and kept.record is not None, article_id
        assert kept.record.text == TEXT and len(kept.claims) == 2
        for key in (keys.article(article_id), keys.article_claims(article_id)):
            assert 3000 < await redis.ttl(key) <= 3600, key


async def test_retention_zero_keeps_for_good(redis: Redis, key_prefix: str) -> None:
    articles, keys = store(redis, key_prefix, retention=0), Keys(key_prefix)
    await put_all(articles, "art-a")
    await articles.pin("art-a")
    await articles.pin("art-b")
    await put_all(articles, "art-b")
    await put_all(articles, "art-c")
    for article_id in ("art-a", "art-b"):
        assert await redis.ttl(keys.article(article_id)) == -1
        assert await redis.ttl(keys.article_claims(article_id)) == -1
    assert 0 < await redis.ttl(keys.article("art-c")) <= CACHE_SECONDS


async def test_redelivered_articles_and_claims_are_stored_once(
    redis: Redis, key_prefix: str
) -> None:
    articles = store(redis, key_prefix)
    await put_all(articles, "art-r")
    await put_all(articles, "art-r")
    kept = await articles.get("art-r")
    assert kept is not None and len(kept.claims) == 2
    assert await redis.hlen(Keys(key_prefix).article_claims("art-r")) == 2


# ---- the service: consumers on real Kafka, the API over ASGI ------------------------------


@pytest.fixture
async def settings(
    kafka_settings: KafkaSettings,
    redis_settings: RedisSettings,
    unique_topic: Callable[..., str],
    unique_group: Callable[..., str],
) -> Settings:
    built = alert_settings(
        kafka_settings, redis_settings, alerts_topic=unique_topic("alerts"),
        dead_topic=unique_topic("dead-letters"), group=unique_group(),
    )  # fmt: skip
    topics = built.topics.model_copy(
        update={"articles": unique_topic("articles"), "claims": unique_topic("claims")}
    )
    built = built.model_copy(
        update={"topics": topics, "article_cache_seconds": SERVICE_CACHE_SECONDS}
    )
    await ensure_topics(built.kafka, [topics.articles, topics.claims, topics.alerts,
                                      topics.dead_letters], 1)  # fmt: skip
    return built


async def test_articles_with_alerts_are_kept_with_their_claims_and_others_expire(
    settings: Settings,
) -> None:
    redis = Redis.from_url(settings.redis.url)
    comp = build_components(settings, redis, resolve=resolve)
    api = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(settings, components=comp)),
        base_url="http://alerts", headers={"X-API-Key": API_KEY},
    )  # fmt: skip
    background = run_background(settings, comp)
    await comp.queue.ensure_group()
    await background.__aenter__()
    topics, kafka = settings.topics, settings.kafka
    try:

        async def status(path: str) -> int:
            return (await api.get(path)).status_code

        async def view(article_id: str, claims: int) -> dict[str, Any] | None:
            response = await api.get(f"/articles/{article_id}")
            body: dict[str, Any] = response.json()
            done = response.status_code == 200 and body["text"] == TEXT
            return body if done and len(body["extracted_claims"]) == claims else None

        # The alert before its article and claims (the alerts consumer may be ahead).
        early = claims_of("art-early")
        await publish(kafka, topics.alerts, alert_for(early[0], "al-early"))
        await eventually(lambda: _is(status("/alerts/al-early"), 200), timeout=60)
        await publish(kafka, topics.articles, article("art-early"))
        await publish(kafka, topics.claims, *map(extracted, early))
        await eventually(lambda: view("art-early", 2), timeout=60)

        # The article and claims first, then the alert (and a further report); a control
        # article without any alert beside them.
        late = claims_of("art-late")
        await publish(kafka, topics.articles, article("art-late"), article("art-plain"))
        await publish(kafka, topics.claims, *map(extracted, late + claims_of("art-plain")))
        await eventually(lambda: view("art-late", 2), timeout=30)
        attach = SourceAttached(alert_id="al-early", actor="Russia", type=ClaimType.DENIAL,
                                source=source_of(late[0]))  # fmt: skip
        await publish(kafka, topics.alerts, attach)
        await eventually(lambda: view("art-plain", 2), timeout=30)

        async def attached() -> bool:
            body = (await api.get("/alerts/al-early")).json()
            return len(body["sources"]) == 2

        await eventually(attached, timeout=30)
        # Past the cache's lifetime: the control article is gone, the other two stay whole.
        await eventually(lambda: _is(status("/articles/art-plain"), 404), timeout=30)
        for article_id in ("art-early", "art-late"):
            body = await view(article_id, 2)
            assert body is not None, article_id
            linked = {c["type"]: c["alert_id"] for c in body["extracted_claims"]}
            assert linked == {"denial": "al-early", "assertion": None}, article_id
            assert [a["alert_id"] for a in body["alerts"]] == ["al-early"]
            assert body["source"] == "Test Wire" and body["title"] == f"Oslo talks ({article_id})"
            ttl = await redis.ttl(Keys(settings.redis.key_prefix).article(article_id))
            assert ttl > 86_400, (article_id, ttl)
    finally:
        await background.__aexit__(None, None, None)
        await api.aclose()
        await redis.aclose()


async def _is(value: Any, expected: Any) -> bool:
    return bool(await value == expected)

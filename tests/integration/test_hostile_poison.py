"""Poison records written straight into `articles` and `claims` on the real Kafka: a real
`claimwatch worker` dead-letters each with its reason, and the next article still alerts."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from schemas.alerts import AlertRaised, alert_event_adapter
from schemas.articles import ArticlePublished
from schemas.dead_letters import DeadLetter
from services.common.kafka import decode, encode, ensure_topics
from services.common.settings import KafkaSettings, TopicSettings
from services.ingest.sources import ReadArticle, read_articles

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds/aljazeera-2022-03-14-russia-china-military-aid.txt"
CLAIMWATCH = Path(sys.executable).parent / "claimwatch"
DEADLINE_S = 120.0
DEEP = b"[" * 100_000 + b"]" * 100_000

POISON_ARTICLES: list[tuple[bytes, bytes | None]] = [
    (b"tombstone", None),
    (b"binary", b"\x00\xff\xfe\x89PNG not an article"),
    (b"deep", DEEP),
    (b"digits", b"9" * 5000),
    (b"bad-utf8", b'{"article": {"id": "a", "text": "caf\xe9"}}'),
    (b"empty-text", b'{"event_id": "00000000-0000-4000-8000-000000000000", '
     b'"occurred_at": "2024-01-01T00:00:00Z", "article": {"id": "e", "text": "  "}}'),
]  # fmt: skip
POISON_CLAIMS: list[tuple[bytes, bytes | None]] = [
    (b"Russia", b'{"claim": "nope"}'),
    (b"China", DEEP),
    (b"United States", b"\xff" * 64),
]


@pytest.fixture
def topics(kafka_bootstrap: str, unique_topic: Callable[..., str]) -> TopicSettings:
    made = TopicSettings(
        articles=unique_topic("articles"), claims=unique_topic("claims"),
        alerts=unique_topic("alerts"), dead_letters=unique_topic("dead-letters"), partitions=2,
    )  # fmt: skip
    kafka = KafkaSettings(bootstrap_servers=kafka_bootstrap)
    # One articles partition: the poison is read before the good article, in order.
    asyncio.run(ensure_topics(kafka, [made.articles], partitions=1))
    asyncio.run(ensure_topics(kafka, made))
    return made


@pytest.fixture
def worker(
    kafka_bootstrap: str, topics: TopicSettings, unique_group: Callable[..., str], tmp_path: Path
) -> Iterator[Path]:
    """`claimwatch worker` on the fresh topics, through its settings' environment variables."""
    env = {
        **os.environ,
        "CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS": kafka_bootstrap,
        "CLAIMWATCH_TOPICS__ARTICLES": topics.articles,
        "CLAIMWATCH_TOPICS__CLAIMS": topics.claims,
        "CLAIMWATCH_TOPICS__ALERTS": topics.alerts,
        "CLAIMWATCH_TOPICS__DEAD_LETTERS": topics.dead_letters,
        "CLAIMWATCH_TOPICS__PARTITIONS": str(topics.partitions),
        "CLAIMWATCH_FAUST__APP_ID": unique_group("claimwatch-stream"),
        "CLAIMWATCH_FAUST__DATADIR": str(tmp_path / "faust"),
        "CLAIMWATCH_FAUST__REBALANCE_TIMEOUT_S": "3",
        "CLAIMWATCH_FAUST__SESSION_TIMEOUT_S": "6",
        "CLAIMWATCH_FAUST__HEARTBEAT_INTERVAL_S": "1",
    }
    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [str(CLAIMWATCH), "worker"], cwd=ROOT, env=env, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            yield log_path
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
    assert proc.returncode is not None


async def publish(bootstrap: str, topic: str, items: list[tuple[bytes, bytes | None]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for key, value in items:
            await producer.send_and_wait(topic, value, key=key)
    finally:
        await producer.stop()


async def read_until(
    bootstrap: str, topic: str, done: Callable[[list[bytes]], bool], log: Path
) -> list[bytes]:
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None
    )
    await consumer.start()
    values: list[bytes] = []
    deadline = time.monotonic() + DEADLINE_S
    try:
        while not done(values):
            if time.monotonic() > deadline:
                pytest.fail(
                    f"{topic}: {len(values)} records after {DEADLINE_S}s; worker log:\n"
                    f"{log.read_text()[-4000:]}"
                )
            for batch in (await consumer.getmany(timeout_ms=500)).values():
                values.extend(m.value for m in batch if m.value is not None)
    finally:
        await consumer.stop()
    return values


async def test_poison_records_are_dead_lettered_and_the_next_article_still_alerts(
    kafka_bootstrap: str, topics: TopicSettings, worker: Path
) -> None:
    [seed] = [r.article.to_article() for r in read_articles(SEED) if isinstance(r, ReadArticle)]
    good = (seed.id.encode(), encode(ArticlePublished(article=seed)))
    await publish(kafka_bootstrap, topics.articles, [*POISON_ARTICLES, good])
    await publish(kafka_bootstrap, topics.claims, POISON_CLAIMS)

    want = len(POISON_ARTICLES) + len(POISON_CLAIMS)
    raw = await read_until(kafka_bootstrap, topics.dead_letters, lambda v: len(v) >= want, worker)
    letters = [decode(DeadLetter, v) for v in raw]
    by_key = {(d.stage, d.key): d for d in letters}
    for stage, topic, sent in (
        ("extract_claims", topics.articles, POISON_ARTICLES),
        ("spot_new_claims", topics.claims, POISON_CLAIMS),
    ):
        for key, value in sent:
            letter = by_key.get((stage, key.decode()))
            assert letter is not None, f"no dead letter for {key!r} at {stage}: {by_key.keys()}"
            assert letter.topic == topic and letter.offset is not None
            assert letter.raw_bytes() == (value or b"")
            assert "ValidationError" in letter.error, letter.error
    assert len(letters) == want, "a good record was dead-lettered too"

    alerts = await read_until(
        kafka_bootstrap,
        topics.alerts,
        lambda v: (
            {
                e.alert.actor
                for e in map(alert_event_adapter.validate_json, v)
                if isinstance(e, AlertRaised)
            }
            >= {"Russia", "China"}
        ),
        worker,
    )
    assert all(alert_event_adapter.validate_json(v) for v in alerts)

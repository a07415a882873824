"""The ingest service against the real Kafka: POSTed articles are on the topic, bad ones are not."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from schemas.articles import Article, ArticlePublished
from services.common.kafka import decode, ensure_topics
from services.common.settings import KafkaSettings, TopicSettings
from services.ingest.api import create_app
from services.ingest.publisher import Published
from services.ingest.settings import Settings
from services.ingest.sources import ReadArticle, read_articles

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds/aljazeera-2022-03-14-russia-china-military-aid.txt"
KEY = "ingest-kafka-test-key"


def topics_for(unique_topic: Callable[..., str], partitions: int = 1) -> TopicSettings:
    # Every topic fresh, so the lifespan's topic creation touches nothing another test uses.
    return TopicSettings(
        articles=unique_topic("articles"),
        claims=unique_topic("claims"),
        alerts=unique_topic("alerts"),
        dead_letters=unique_topic("dead-letters"),
        partitions=partitions,
    )


@asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The real app with its real lifespan (topics created, Kafka producer opened)."""
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        deadline = time.monotonic() + 30
        while app.state.publisher is None:  # the lifespan connects in the background
            assert time.monotonic() < deadline, "ingest did not connect to Kafka in 30 s"
            await asyncio.sleep(0.05)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://ingest", headers={"X-API-Key": KEY}
        ) as client:
            yield client


def article(n: int) -> dict[str, str]:
    return {
        "url": f"https://news.example.org/2024/{n}",
        "source": "Example Wire",
        "title": f"Ministry denies report number {n}",
        "text": f"The ministry denied report number {n} on Tuesday, calling it “baseless”.",
    }


async def test_posted_batch_is_on_the_topic_keyed_by_id(
    kafka_settings: KafkaSettings, unique_topic: Callable[..., str], read_topic
) -> None:
    settings = Settings(
        kafka=kafka_settings, topics=topics_for(unique_topic, partitions=3), api_key=KEY
    )
    async with running(settings) as client:
        assert (await client.get("/readyz")).status_code == 200
        response = await client.post("/articles", json=[article(1), article(2), article(3)])
    assert response.status_code == 202, response.text
    placed = {p["id"]: (p["partition"], p["offset"]) for p in response.json()["published"]}
    records = await read_topic(settings.topics.articles, 3)
    assert len(records) == 3
    for record in records:
        event = decode(ArticlePublished, record.value)
        assert record.key == event.article.id.encode()
        assert placed[event.article.id] == (record.partition, record.offset)
        assert event.article.text.endswith("calling it “baseless”.")


async def test_malformed_article_gets_422_and_nothing_reaches_the_topic(
    kafka_settings: KafkaSettings, unique_topic: Callable[..., str], read_topic
) -> None:
    settings = Settings(kafka=kafka_settings, topics=topics_for(unique_topic), api_key=KEY)
    async with running(settings) as client:
        bad = await client.post("/articles", json=[article(1), {"title": "no text"}])
        worse = await client.post("/articles", content=b"{oops", headers=_json)
        good = await client.post("/articles", json=article(9))
    assert (bad.status_code, worse.status_code, good.status_code) == (422, 422, 202)
    assert bad.json()["detail"][0]["loc"] == ["body", 1, "text"]
    # One partition: had anything of the refused requests been written, it would come first.
    [record] = await read_topic(settings.topics.articles, 1)
    assert record.key == good.json()["ids"][0].encode()
    assert decode(ArticlePublished, record.value).article.title == article(9)["title"]


async def test_same_article_twice_gets_the_same_key(
    kafka_settings: KafkaSettings, unique_topic: Callable[..., str], read_topic
) -> None:
    settings = Settings(
        kafka=kafka_settings, topics=topics_for(unique_topic, partitions=4), api_key=KEY
    )
    no_url = {"title": "Storm warning", "text": "Forecasters warned of a storm."}
    async with running(settings) as client:
        for body in (article(5), article(5), no_url, no_url):
            assert (await client.post("/articles", json=body)).status_code == 202
    records = await read_topic(settings.topics.articles, 4)
    by_key: dict[bytes, set[int]] = {}
    for record in records:
        assert record.key is not None
        by_key.setdefault(record.key, set()).add(record.partition)
    assert len(by_key) == 2
    assert all(len(partitions) == 1 for partitions in by_key.values())


class IdlePublisher:
    async def publish(self, articles: Sequence[Article]) -> list[Published]:
        raise AssertionError("not used by readiness")


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # released on close: nothing listens there


async def test_readyz_is_503_when_kafka_is_unreachable(kafka_settings: KafkaSettings) -> None:
    dead = KafkaSettings(bootstrap_servers=f"127.0.0.1:{closed_port()}")
    for kafka, expected in ((dead, 503), (kafka_settings, 200)):
        app = create_app(Settings(kafka=kafka, ready_timeout_seconds=2), IdlePublisher())
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://ingest") as client:
            response = await client.get("/readyz")
            assert response.status_code == expected, (kafka.bootstrap_servers, response.text)
            assert (await client.get("/livez")).status_code == 200


async def test_starts_unready_without_kafka_and_refuses_with_503(
    unique_topic: Callable[..., str],
) -> None:
    dead = KafkaSettings(bootstrap_servers=f"127.0.0.1:{closed_port()}")
    app = create_app(Settings(kafka=dead, topics=topics_for(unique_topic), api_key=KEY))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://ingest") as client:
            assert (await client.get("/livez")).status_code == 200
            ready = await client.get("/readyz")
            posted = await client.post("/articles", json=article(1), headers={"X-API-Key": KEY})
    assert (ready.status_code, ready.json()["status"]) == (503, "starting")
    assert posted.status_code == 503
    assert app.state.publisher is None


async def test_entry_point_serves_the_seed_onto_kafka(
    kafka_bootstrap: str, unique_topic: Callable[..., str], read_topic
) -> None:
    topics = topics_for(unique_topic)
    port = closed_port()
    env = {
        **os.environ,
        "CLAIMWATCH_PORT": str(port),
        "CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS": kafka_bootstrap,
        "CLAIMWATCH_TOPICS__ARTICLES": topics.articles,
        "CLAIMWATCH_TOPICS__PARTITIONS": "1",
        "CLAIMWATCH_CREATE_TOPICS": "false",
        "CLAIMWATCH_API_KEY": KEY,
    }
    await ensure_topics(KafkaSettings(bootstrap_servers=kafka_bootstrap), [topics.articles], 1, 1)
    [seed] = [r.article for r in read_articles([SEED]) if isinstance(r, ReadArticle)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "services.ingest"], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        async with httpx.AsyncClient(base_url=base, timeout=5) as client:
            await _wait_ready(client, proc)
            response = await client.post(
                "/articles", content=seed.model_dump_json(), headers=_json | {"X-API-Key": KEY}
            )
            assert response.status_code == 202, response.text
            metrics = (await client.get("/metrics")).text
    finally:
        proc.terminate()
        output = proc.communicate(timeout=15)[0].decode()
    # Uvicorn shuts down cleanly, then re-raises SIGTERM so the exit status tells the signal.
    assert proc.returncode in (0, -signal.SIGTERM), output
    assert "Application shutdown complete" in output
    assert 'claimwatch_ingest_articles_accepted_total{via="http"} 1.0' in metrics
    [record] = await read_topic(topics.articles, 1)
    assert record.key == SEED.stem.encode()
    assert decode(ArticlePublished, record.value).article == seed.to_article()
    assert '"article_id": "' + SEED.stem + '"' in output  # the JSON log names the article


async def _wait_ready(client: httpx.AsyncClient, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert proc.poll() is None, "ingest exited early"
        try:
            if (await client.get("/readyz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.2)  # polling a starting process, bounded by the deadline
    raise AssertionError("ingest did not become ready in 30 s")


_json = {"content-type": "application/json"}

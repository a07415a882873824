"""A real stream worker's /metrics on the real Kafka: the counters move as it processes articles."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from prometheus_client.parser import text_string_to_metric_families

from schemas.articles import ArticlePublished
from services.common.kafka import encode, ensure_topics
from services.common.settings import KafkaSettings, TopicSettings
from services.ingest.sources import ReadArticle, read_articles
from tests.support.polling import eventually_blocking

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds/aljazeera-2022-03-14-russia-china-military-aid.txt"
DEADLINE_S = 120.0
Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Worker:
    """One `python -m services.stream` with fresh topics and group, and its metrics URL."""

    def __init__(self, bootstrap: str, topics: TopicSettings, group: str, tmp: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/metrics"
        self.log_path = tmp / "worker.log"
        env = {
            **os.environ,
            "CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS": bootstrap,
            "CLAIMWATCH_TOPICS__ARTICLES": topics.articles,
            "CLAIMWATCH_TOPICS__CLAIMS": topics.claims,
            "CLAIMWATCH_TOPICS__ALERTS": topics.alerts,
            "CLAIMWATCH_TOPICS__DEAD_LETTERS": topics.dead_letters,
            "CLAIMWATCH_TOPICS__PARTITIONS": str(topics.partitions),
            "CLAIMWATCH_FAUST__APP_ID": group,
            "CLAIMWATCH_FAUST__DATADIR": str(tmp / "faust"),
            "CLAIMWATCH_FAUST__REBALANCE_TIMEOUT_S": "3",
            "CLAIMWATCH_FAUST__SESSION_TIMEOUT_S": "10",
            "CLAIMWATCH_FAUST__HEARTBEAT_INTERVAL_S": "1",
            "CLAIMWATCH_METRICS_PORT": str(self.port),
            "CLAIMWATCH_METRICS_LAG_INTERVAL_S": "1",
            "CLAIMWATCH_LOG__JSON": "false",
        }
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "services.stream"],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def samples(self) -> Samples:
        """Every sample on /metrics; empty while the server is not up yet."""
        try:
            text = httpx.get(self.url, timeout=2).text
        except httpx.TransportError:
            return {}
        return {
            (s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(text)
            for s in family.samples
        }

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self._log.close()


@pytest.fixture
def topics(kafka_bootstrap: str, unique_topic: Callable[..., str]) -> TopicSettings:
    topics = TopicSettings(
        articles=unique_topic("articles"),
        claims=unique_topic("claims"),
        alerts=unique_topic("alerts"),
        dead_letters=unique_topic("dead-letters"),
        partitions=2,
    )
    asyncio.run(ensure_topics(KafkaSettings(bootstrap_servers=kafka_bootstrap), topics))
    return topics


@pytest.fixture
def worker(
    kafka_bootstrap: str,
    topics: TopicSettings,
    unique_group: Callable[..., str],
    tmp_path: Path,
) -> Iterator[Worker]:
    w = Worker(kafka_bootstrap, topics, unique_group("claimwatch-stream"), tmp_path)
    yield w
    w.stop()


async def publish(bootstrap: str, topic: str, items: list[tuple[bytes, bytes]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for key, value in items:
            await producer.send_and_wait(topic, value, key=key, partition=0)
    finally:
        await producer.stop()


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def wait_for(worker: Worker, done: Callable[[Samples], bool], what: str) -> Samples:
    last: Samples = {}

    def alive() -> None:
        if worker.proc.poll() is not None:
            pytest.fail(f"the worker exited; its log:\n{worker.log_path.read_text()[-3000:]}")

    def counted() -> Samples:
        nonlocal last
        last = worker.samples()
        return last if last and done(last) else {}

    def detail() -> str:
        seen = {k: v for k, v in last.items() if k[0].startswith("claimwatch_stream")}
        return f"last samples {seen}; worker log:\n{worker.log_path.read_text()[-3000:]}"

    samples: Samples = eventually_blocking(
        counted, what=what, timeout=DEADLINE_S, interval=0.5, alive=alive, detail=detail
    )
    return samples


def test_worker_metrics_count_articles_claims_alerts_dead_letters_and_lag(
    kafka_bootstrap: str, topics: TopicSettings, worker: Worker
) -> None:
    # Served before any article arrives, with every labelless series at zero.
    first = wait_for(worker, lambda s: True, "the /metrics endpoint")
    assert value(first, "claimwatch_stream_extraction_seconds_count") == 0

    [read] = list(read_articles([SEED]))
    assert isinstance(read, ReadArticle)
    article = read.article.to_article()
    items = [
        (article.id.encode(), encode(ArticlePublished(article=article))),
        (b"garbage", b"this is no ArticlePublished"),
    ]
    asyncio.run(publish(kafka_bootstrap, topics.articles, items))

    articles, claims = "claimwatch_stream_articles_processed_total", "claimwatch_stream_claims"
    lag = "claimwatch_stream_consumer_lag"
    articles_p0 = {"topic": topics.articles, "partition": "0"}

    def all_counted(s: Samples) -> bool:
        return (
            value(s, articles, outcome="ok") == 1
            and value(s, articles, outcome="dead_lettered") == 1
            and value(s, "claimwatch_stream_alert_events_total", kind="new") >= 3
            # Both records are committed, and the next lag update has seen it.
            and (lag, frozenset(articles_p0.items())) in s
            and value(s, lag, **articles_p0) == 0
        )

    s = wait_for(worker, all_counted, "both articles, the seed's alerts and a zero lag")
    # The seed has Russia's and China's denials and the United States' warning.
    assert value(s, f"{claims}_extracted_total", type="denial") >= 2
    assert value(s, f"{claims}_extracted_total", type="warning") >= 1
    assert value(s, "claimwatch_stream_dead_letters_total", stage="extract_claims") == 1
    assert value(s, "claimwatch_stream_extraction_seconds_count") == 1
    assert value(s, "claimwatch_stream_article_latency_seconds_count") == 1
    assert value(s, "claimwatch_stream_article_latency_seconds_sum") > 0

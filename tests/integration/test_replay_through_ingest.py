"""`claimwatch replay --ingest` through the real ingest service onto the real Kafka."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from schemas.articles import ArticlePublished
from services.common.kafka import decode, ensure_topics
from services.common.settings import KafkaSettings
from services.ingest.sources import ReadArticle, read_articles

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def ingest_service(
    port: int, kafka_bootstrap: str, topic: str
) -> Iterator[subprocess.Popen[bytes]]:
    """`python -m services.ingest` as compose runs it, on a free port; stopped afterwards."""
    env = {
        **os.environ,
        "CLAIMWATCH_PORT": str(port),
        "CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS": kafka_bootstrap,
        "CLAIMWATCH_TOPICS__ARTICLES": topic,
        "CLAIMWATCH_CREATE_TOPICS": "false",
        "CLAIMWATCH_API_KEY": "replay-test-key",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "services.ingest"], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def replay(port: int, *args: str) -> subprocess.Popen[str]:
    """The real console entry point, as a user runs it, with the key in the environment."""
    env = {**os.environ, "CLAIMWATCH_API_KEY": "replay-test-key"}
    return subprocess.Popen(
        [sys.executable, "-m", "services.cli.main", "replay", "--ingest",
         f"http://127.0.0.1:{port}", "--no-progress", *args],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


async def wait_ready(port: int) -> None:
    deadline = time.monotonic() + 30
    async with httpx.AsyncClient(timeout=3) as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get(f"http://127.0.0.1:{port}/readyz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)  # a starting process, bounded by the deadline
    raise AssertionError("ingest did not become ready in 30 s")


def seed_ids() -> list[str]:
    return [r.article.to_article().id for r in read_articles([SEEDS]) if isinstance(r, ReadArticle)]


async def test_the_seeds_go_through_ingest_onto_kafka_in_order(
    kafka_bootstrap: str, unique_topic: Callable[..., str], read_topic
) -> None:
    topic = unique_topic("articles")
    await ensure_topics(KafkaSettings(bootstrap_servers=kafka_bootstrap), [topic], 1, 1)
    port = free_port()
    ids = seed_ids()
    with ingest_service(port, kafka_bootstrap, topic):
        await wait_ready(port)
        out, err = replay(port, "--batch", "4", str(SEEDS)).communicate(timeout=120)
    assert f"published {len(ids)}, rejected 0" in out, err
    records = await read_topic(topic, len(ids))
    assert [r.key.decode() for r in records] == ids  # one partition: the replay's order
    events = [decode(ArticlePublished, r.value) for r in records]
    assert [e.article.id for e in events] == ids


async def test_a_replay_started_before_ingest_is_up_waits_and_delivers_all(
    kafka_bootstrap: str, unique_topic: Callable[..., str], read_topic
) -> None:
    topic = unique_topic("articles")
    await ensure_topics(KafkaSettings(bootstrap_servers=kafka_bootstrap), [topic], 1, 1)
    port = free_port()
    ids = seed_ids()
    proc = replay(port, str(SEEDS))  # nothing listens yet: connection refused, then retries
    await asyncio.sleep(1.5)
    assert proc.poll() is None, "replay gave up before ingest could start"
    with ingest_service(port, kafka_bootstrap, topic):
        out, err = await asyncio.to_thread(proc.communicate, timeout=120)
    assert proc.returncode == 0, err
    assert f"published {len(ids)}, rejected 0" in out
    records = await read_topic(topic, len(ids))
    assert sorted(r.key.decode() for r in records) == sorted(ids)


async def test_no_ingest_at_all_ends_with_a_clear_error(tmp_path: Path) -> None:
    port = free_port()
    out, err = replay(port, "--batch", "100", str(SEEDS)).communicate(timeout=120)
    assert "error: ingest at http://127.0.0.1:" in err
    assert "failed after 0 articles: gave up after 6 attempts" in err and "ConnectError" in err
    assert "published 0, rejected 0" in out

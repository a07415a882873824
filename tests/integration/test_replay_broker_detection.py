"""`claimwatch replay` finds its broker and detects one without the idempotent producer.

Against the embedded Tansu broker that `claimwatch up` runs (InitProducerId fails there) and
against Apache Kafka (where it works), through the real console entry point.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from pydantic import SecretStr

from services.common.kafka import ensure_topics
from services.common.settings import KafkaSettings
from services.launcher import stackfile
from services.launcher.pidfiles import start_ticks

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds/aljazeera-2022-03-14-russia-china-military-aid.txt"
NOTE = "does not support the idempotent producer"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def tansu(tmp_path: Path) -> Iterator[str]:
    """The embedded broker of `claimwatch up`, on a free port, stopped afterwards."""
    folder = tmp_path / "tansu"
    script = str(ROOT / "deploy/tansu.sh")
    env = os.environ | {"PYTHON": sys.executable}
    started = subprocess.run(
        [script, "start", "--port", str(free_port()), "--dir", str(folder)],
        capture_output=True, text=True, timeout=60, env=env, check=False,
    )  # fmt: skip
    assert started.returncode == 0, started.stderr
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run([script, "stop", "--dir", str(folder)], timeout=60, env=env, check=False)


def replay(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWATCH_")}
    return subprocess.run(
        [sys.executable, "-m", "services.cli.main", "replay", "--no-progress", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env=clean | (env or {}),
    )  # fmt: skip


async def count_records(bootstrap: str, topic: str, want: int, timeout: float = 30.0) -> int:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign([TopicPartition(topic, 0)])
        await consumer.seek_to_beginning()
        got, deadline = 0, time.monotonic() + timeout
        while got < want and time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=500)
            got += sum(len(records) for records in batch.values())
        return got
    finally:
        await consumer.stop()


async def test_on_tansu_replay_drops_idempotence_says_so_and_publishes(tansu: str) -> None:
    await ensure_topics(KafkaSettings(bootstrap_servers=tansu, idempotent_producer=False),
                        ["articles-detect"], 1, 1)  # fmt: skip
    done = replay(str(SEED), "--bootstrap", tansu, "--topic", "articles-detect")
    assert done.returncode == 0, done.stderr
    assert NOTE in done.stderr
    assert "published 1, rejected 0" in done.stdout
    assert await count_records(tansu, "articles-detect", 1) == 1


async def test_on_apache_kafka_the_idempotent_producer_stays(
    kafka_bootstrap: str, unique_topic: Callable[..., str]
) -> None:
    topic = unique_topic("articles")
    await ensure_topics(KafkaSettings(bootstrap_servers=kafka_bootstrap), [topic], 1, 1)
    done = replay(str(SEED), "--bootstrap", kafka_bootstrap, "--topic", topic)
    assert done.returncode == 0, done.stderr
    assert NOTE not in done.stderr
    assert "published 1, rejected 0" in done.stdout


async def test_with_no_flags_replay_uses_the_stack_file_of_up(tansu: str, tmp_path: Path) -> None:
    # A stack file as `up` writes it, naming a live process (this one) as its launcher.
    path = tmp_path / "stack.json"
    pid = os.getpid()
    stackfile.write(path, stackfile.StackInfo(
        pid=pid, start_ticks=start_ticks(pid) or 0, ingest_url="http://127.0.0.1:1",
        alerts_url="http://127.0.0.1:2", api_key=SecretStr("k"), bootstrap_servers=tansu,
        idempotent_producer=False, articles_topic="articles-from-stack",
    ))  # fmt: skip
    await ensure_topics(KafkaSettings(bootstrap_servers=tansu, idempotent_producer=False),
                        ["articles-from-stack"], 1, 1)  # fmt: skip
    done = replay(str(SEED), env={stackfile.ENV_FILE: str(path)})
    assert done.returncode == 0, done.stderr
    assert f"Kafka at {tansu} (from the stack of `claimwatch up` (pid {pid})); plain" in done.stderr
    assert NOTE not in done.stderr  # the stack said so: no probe needed
    assert await count_records(tansu, "articles-from-stack", 1) == 1

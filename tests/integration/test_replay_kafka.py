"""`claimwatch replay` against the real Kafka: the seed goes out and comes back byte for byte."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from schemas.articles import ArticlePublished
from services.common.kafka import decode, encode, ensure_topics
from services.common.settings import KafkaSettings
from services.ingest.sources import ReadArticle, read_articles

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds/aljazeera-2022-03-14-russia-china-military-aid.txt"


def replay(*args: str) -> subprocess.CompletedProcess[str]:
    """The real console entry point, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "services.cli.main", "replay", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def seed_body() -> bytes:
    """The seed's body as it is in the file: after the title line, before the Source line."""
    raw = SEED.read_bytes()
    return raw.split(b"\n", 1)[1].rsplit(b"Source:", 1)[0].strip(b"\n")


async def one_partition(kafka_bootstrap: str, topic: str) -> None:
    # One partition: the order on the topic is the order of publication, for the checks below.
    await ensure_topics(KafkaSettings(bootstrap_servers=kafka_bootstrap), [topic], 1, 1)


async def test_replayed_seed_reads_back_byte_for_byte(
    kafka_bootstrap: str, unique_topic: Callable[..., str], read_topic
) -> None:
    topic = unique_topic("articles")
    done = replay(str(SEED), "--bootstrap", kafka_bootstrap, "--topic", topic)
    assert done.returncode == 0, done.stderr
    assert "published 1, rejected 0" in done.stdout
    [record] = await read_topic(topic, 1)
    assert record.key == SEED.stem.encode()
    event = decode(ArticlePublished, record.value)
    assert encode(event) == record.value  # nothing on the wire that the model does not hold
    [read] = [r for r in read_articles([SEED]) if isinstance(r, ReadArticle)]
    assert event.article == read.article.to_article()
    assert event.article.text.encode("utf-8") == seed_body()
    assert event.article.source == "Al Jazeera and news agencies"
    assert json.loads(record.value)["article"]["text"].encode() == seed_body()


async def test_folder_replay_publishes_in_order_and_reports_bad_files(
    kafka_bootstrap: str, unique_topic: Callable[..., str], read_topic, tmp_path: Path
) -> None:
    topic = unique_topic("articles")
    await one_partition(kafka_bootstrap, topic)
    (tmp_path / "b-second.txt").write_text("Second\n\nMinister warned of floods.", encoding="utf-8")
    (tmp_path / "a-first.json").write_text(
        json.dumps({"id": "first", "title": "First", "text": "The agency denied it."}),
        encoding="utf-8",
    )
    (tmp_path / "c-broken.json").write_text("{nope", encoding="utf-8")
    (tmp_path / "d-feed.jsonl").write_text(
        json.dumps({"id": "third", "text": "Third."}) + "\n[]\n", encoding="utf-8"
    )
    (tmp_path / "e-image.txt").write_bytes(b"\x89PNG\x00\x00")
    done = replay(str(tmp_path), "--bootstrap", kafka_bootstrap, "--topic", topic, "--rate", "50")
    assert done.returncode == 0, done.stderr
    assert "published 3, rejected 3" in done.stdout
    for bad in ("c-broken.json: invalid JSON", "d-feed.jsonl:2: expected a JSON object",
                "e-image.txt: binary file"):  # fmt: skip
        assert bad in done.stdout
    records = await read_topic(topic, 3)
    assert [r.key for r in records] == [b"first", b"b-second", b"third"]


async def test_dry_run_publishes_nothing(
    kafka_bootstrap: str, unique_topic: Callable[..., str], read_topic, tmp_path: Path
) -> None:
    topic = unique_topic("articles")
    await one_partition(kafka_bootstrap, topic)
    dry = replay(str(SEED), "--dry-run", "--bootstrap", kafka_bootstrap, "--topic", topic)
    assert dry.returncode == 0, dry.stderr
    assert "validated 1, rejected 0" in dry.stdout
    marker = tmp_path / "marker.txt"
    marker.write_text("Marker\n\nPublished after the dry run.", encoding="utf-8")
    real = replay(str(marker), "--bootstrap", kafka_bootstrap, "--topic", topic)
    assert real.returncode == 0, real.stderr
    [first] = await read_topic(topic, 1)
    # Had the dry run published the seed, it would be the first record on the one partition.
    assert first.key == b"marker"


def test_unreachable_kafka_is_one_clear_line_and_exit_2() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    done = replay(str(SEED), "--bootstrap", f"127.0.0.1:{port}")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == (
        f"error: Kafka at 127.0.0.1:{port} is unreachable; nothing was published"
    )


def test_nothing_readable_exits_1(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# not an article", encoding="utf-8")
    done = replay(str(tmp_path), str(tmp_path / "missing.txt"), "--bootstrap", "127.0.0.1:1")
    assert done.returncode == 1
    assert "rejected" in done.stdout and "missing.txt: no such file or directory" in done.stdout
    assert "no article could be read" in done.stderr

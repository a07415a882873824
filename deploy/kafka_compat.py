"""Check that a running broker works with aiokafka and faust: the check behind kafka-version.

Usage: .venv/bin/python deploy/kafka_compat.py BOOTSTRAP   (exit 0 when every check passes)
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

FAUST_APP = '''
"""Tiny faust app: agent -> group_by repartition -> table with changelog -> output topic."""
import os
import faust

app = faust.App(os.environ["COMPAT_APP_ID"], broker="kafka://" + os.environ["COMPAT_BOOTSTRAP"],
                store="memory://", topic_partitions=2, web_enabled=False,
                broker_rebalance_timeout=5.0)

class Word(faust.Record):
    speaker: str
    actor: str

source = app.topic(os.environ["COMPAT_SOURCE"], value_type=Word)
output = app.topic(os.environ["COMPAT_OUTPUT"], value_type=bytes)
counts_by_actor = app.Table("counts_by_actor", default=int)

@app.agent(source)
async def count(stream):
    async for word in stream.group_by(Word.actor, name="by-actor"):
        counts_by_actor[word.actor] += 1
        await output.send(key=word.actor.encode(),
                          value=f"{word.actor}={counts_by_actor[word.actor]}".encode())
'''


async def check_aiokafka(bootstrap: str) -> None:
    topic = f"compat-{uuid.uuid4().hex[:8]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, num_partitions=3, replication_factor=1)])
        assert topic in await admin.list_topics(), "created topic not listed"
    finally:
        await admin.close()
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        sent = [(f"k{i}".encode(), os.urandom(64)) for i in range(30)]
        for key, value in sent:
            await producer.send_and_wait(topic, value, key=key)
    finally:
        await producer.stop()
    group = f"compat-group-{uuid.uuid4().hex[:8]}"
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=group,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    got: list[tuple[bytes, bytes]] = []
    try:
        async with asyncio.timeout(60):
            while len(got) < len(sent):
                batch = await consumer.getmany(timeout_ms=1000)
                got += [(m.key, m.value) for msgs in batch.values() for m in msgs]
        await consumer.commit()
        committed = [await consumer.committed(tp) for tp in consumer.assignment()]
    finally:
        await consumer.stop()
    assert sorted(got) == sorted(sent), "consumed messages differ from produced ones"
    assert sum(c or 0 for c in committed) == len(sent), f"committed offsets {committed}"
    await check_offsets_and_transactions(bootstrap, topic, len(sent))


async def check_offsets_and_transactions(bootstrap: str, topic: str, count: int) -> None:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, isolation_level="read_committed")
    await consumer.start()
    try:
        tps = [TopicPartition(topic, p) for p in range(3)]  # created with 3 partitions
        ends = await consumer.end_offsets(tps)
        assert sum(ends.values()) == count, f"end offsets {ends}"
        stamps = await consumer.offsets_for_times({tp: 0 for tp in tps})
        assert all(v is not None and v.offset == 0 for v in stamps.values()), stamps
    finally:
        await consumer.stop()
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, transactional_id=f"compat-tx-{uuid.uuid4().hex[:8]}"
    )
    await producer.start()
    try:
        async with producer.transaction():
            await producer.send_and_wait(topic, b"in-a-transaction", key=b"tx")
    finally:
        await producer.stop()


def check_faust(bootstrap: str) -> None:
    run = uuid.uuid4().hex[:8]
    env = {
        **os.environ,
        "COMPAT_BOOTSTRAP": bootstrap,
        "COMPAT_APP_ID": f"compat-app-{run}",
        "COMPAT_SOURCE": f"compat-src-{run}",
        "COMPAT_OUTPUT": f"compat-out-{run}",
    }
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "compat_app.py").write_text(textwrap.dedent(FAUST_APP))
        env["PYTHONPATH"] = tmp
        log = Path(tmp, "worker.log")
        with log.open("w") as out:
            worker = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "faust",
                    "-A",
                    "compat_app",
                    "worker",
                    "-l",
                    "info",
                    "--without-web",
                ],
                cwd=tmp,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            result = asyncio.run(_drive_faust(bootstrap, env))
        except Exception:
            sys.stderr.write(log.read_text()[-4000:])
            raise
        finally:
            worker.terminate()
            worker.wait(30)
        worker_log = log.read_text()
    assert result == {"Russia": 3, "China": 2}, f"faust table counts {result}"
    topics = asyncio.run(_list_topics(bootstrap))
    # faust names the repartition topic after the agent, the changelog after the app id.
    wanted = [
        f"{env['COMPAT_SOURCE']}-by-actor-repartition",
        f"{env['COMPAT_APP_ID']}-counts_by_actor-changelog",
    ]
    for name in wanted:
        found = any(t.endswith(name) for t in topics)
        assert found, f"{name} missing; topics: {sorted(topics)}\n{worker_log[-3000:]}"
    sys.stderr.write("faust: agent, group_by repartition and changelog table worked\n")


async def _list_topics(bootstrap: str) -> set[str]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        return set(await admin.list_topics())
    finally:
        await admin.close()


async def _drive_faust(bootstrap: str, env: dict[str, str]) -> dict[str, int]:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        words = [
            ("Peskov", "Russia"),
            ("Zhao", "China"),
            ("Lavrov", "Russia"),
            ("Wang", "China"),
            ("Zakharova", "Russia"),
        ]
        for speaker, actor in words:
            value = json.dumps(
                {"speaker": speaker, "actor": actor, "__faust": {"ns": "compat_app.Word"}}
            ).encode()
            await producer.send_and_wait(env["COMPAT_SOURCE"], value, key=speaker.encode())
    finally:
        await producer.stop()
    consumer = AIOKafkaConsumer(
        env["COMPAT_OUTPUT"], bootstrap_servers=bootstrap, auto_offset_reset="earliest"
    )
    counts: dict[str, int] = {}
    started = time.monotonic()
    await consumer.start()
    try:
        async with asyncio.timeout(120):
            while counts != {"Russia": 3, "China": 2}:
                batch = await consumer.getmany(timeout_ms=1000)
                for msgs in batch.values():
                    for m in msgs:
                        actor, n = m.value.decode().split("=")
                        counts[actor] = max(counts.get(actor, 0), int(n))
    finally:
        await consumer.stop()
    sys.stderr.write(f"faust: output complete {time.monotonic() - started:.1f}s after produce\n")
    return counts


def main() -> int:
    bootstrap = sys.argv[1]
    asyncio.run(check_aiokafka(bootstrap))
    sys.stderr.write(
        "aiokafka: admin create_topics, idempotent produce, group consume, commit, "
        "end_offsets, offsets_for_times, transactions ok\n"
    )
    check_faust(bootstrap)
    return 0


if __name__ == "__main__":
    sys.exit(main())

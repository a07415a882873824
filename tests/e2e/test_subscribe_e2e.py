"""Whole stack as separate processes: a follower of Russia and China gets their denials, once."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiohttp import web
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from redis.asyncio import Redis
from standardwebhooks.webhooks import Webhook

from services.alerts.redis.delivery_queue import GROUP
from services.alerts.redis.keys import Keys
from services.launcher.plan import StackConfig, service_specs
from tests.support.polling import eventually

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "aljazeera-2022-03-14-russia-china-military-aid.txt"
API_KEY = "e2e-key"
DEADLINE = 120.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Receiver:
    """Webhook endpoints /russia and /china on loopback, recording what arrives."""

    got: list[tuple[str, dict[str, str], bytes]] = field(default_factory=list)
    base: str = ""

    async def handle(self, request: web.Request) -> web.Response:
        self.got.append((request.path, dict(request.headers), await request.read()))
        return web.Response(status=204)


@dataclass
class Stack:
    config: StackConfig
    procs: list[subprocess.Popen[bytes]]
    logs: Path

    def tail(self) -> str:
        return "".join(
            f"\n--- {log.name}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-20:])
            for log in sorted(self.logs.glob("*.log"))
        )


async def until(
    check: Callable[[], Awaitable[Any]], what: str, stack: Stack, waiting: list[str] | None = None
) -> Any:
    def alive() -> None:
        for proc in stack.procs:
            assert proc.poll() is None, f"a service exited early while waiting for {what}"

    def detail() -> str:
        still = f"(still waiting: {', '.join(waiting)})" if waiting else ""
        return f"{still}{stack.tail()}"

    return await eventually(
        check, what=what, timeout=DEADLINE, interval=0.25, alive=alive, detail=detail
    )


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    found = Receiver()
    app = web.Application()
    app.router.add_post("/{actor}", found.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    found.base = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
    yield found
    await runner.cleanup()


@pytest.fixture
def stack(kafka_bootstrap: str, redis_url: str, tmp_path: Path) -> Iterator[Stack]:
    """Alerts, ingest and a worker, each its own process, on fresh topics, group and keys."""
    config = StackConfig(
        root=ROOT, run_dir=tmp_path, python=sys.executable, host="127.0.0.1",
        ingest_port=free_port(), alerts_port=free_port(), bootstrap=kafka_bootstrap,
        embedded_broker_port=None, redis_url=redis_url, embedded_redis_port=None,
        api_key=API_KEY, namespace=uuid.uuid4().hex[:10],
        allow_webhooks=("127.0.0.1",),  # the test's receiver: loopback, on a port chosen later
    )  # fmt: skip
    logs = tmp_path / "logs"
    logs.mkdir()
    base = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWATCH_")}
    procs = []
    try:
        for spec in service_specs(config, base):
            # acks=all either way; without idempotence the same test also runs on Tansu.
            env = spec.env | {"CLAIMWATCH_KAFKA__IDEMPOTENT_PRODUCER": "false"}
            with (logs / f"{spec.name}.log").open("wb") as sink:
                procs.append(
                    subprocess.Popen(spec.argv, env=env, cwd=spec.cwd, stdout=sink,
                                     stderr=subprocess.STDOUT, start_new_session=True)
                )  # fmt: skip
        yield Stack(config, procs, logs)
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


async def _ready(url: str) -> bool:
    try:
        async with httpx.AsyncClient(timeout=2) as client:
            return (await client.get(f"{url}/readyz")).status_code == 200
    except httpx.HTTPError:
        return False


def replay(stack: Stack) -> None:
    c = stack.config
    done = subprocess.run(
        [sys.executable, "-m", "services.cli.main", "replay", str(SEED), "--bootstrap",
         c.bootstrap, "--topic", c.topic("articles"), "--no-idempotence", "--no-progress"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


async def caught_up(bootstrap: str, group: str, topic: str) -> bool:
    """Whether `group` has committed every record of `topic` (read as a consumer that never
    joins, so the group's own members are not disturbed)."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group,
                                enable_auto_commit=False)  # fmt: skip
    await producer.start()
    await consumer.start()
    try:
        # A producer fetches a topic's partitions on request; an unsubscribed consumer may not.
        partitions = [TopicPartition(topic, p) for p in await producer.partitions_for(topic)]
        ends = await consumer.end_offsets(partitions)
        for tp, end in ends.items():
            if end > 0 and ((await consumer.committed(tp)) or 0) < end:
                return False
    finally:
        await consumer.stop()
        await producer.stop()
    return bool(partitions)


async def deliveries_idle(redis: Redis, keys: Keys) -> bool:
    if not await redis.exists(keys.delivery_queue()):
        return True
    pending: Any = await redis.xpending(keys.delivery_queue(), GROUP)
    return pending["pending"] == 0 and await redis.zcard(keys.delivery_scheduled()) == 0


async def test_follower_gets_russias_and_chinas_denials_once(
    stack: Stack, receiver: Receiver, redis_url: str
) -> None:
    c = stack.config
    await until(lambda: _ready(c.alerts_url), "alert service ready", stack)
    await until(lambda: _ready(c.ingest_url), "ingest ready", stack)
    secrets: dict[str, str] = {}
    for actor in ("Russia", "China"):
        # Through the CLI, as a person would: it prints the id and the one-time secret.
        done = subprocess.run(
            [sys.executable, "-m", "services.cli.main", "subscribe", "--actor", actor,
             "--webhook", f"{receiver.base}/{actor.lower()}", "--api", c.alerts_url, "--json"],
            cwd=ROOT, capture_output=True, text=True, timeout=60,
            env=os.environ | {"CLAIMWATCH_API_KEY": API_KEY},
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        secrets[f"/{actor.lower()}"] = json.loads(done.stdout)["secret"]

    replay(stack)

    async def both() -> bool:
        return {path for path, _, _ in receiver.got} == {"/russia", "/china"}

    await until(both, "deliveries for Russia and China", stack)
    redis = Redis.from_url(redis_url)
    keys = Keys(c.key_prefix)
    try:
        workers = f"claimwatch-stream-{c.namespace}"
        alerts_group = f"claimwatch-alerts-{c.namespace}"

        waiting: list[str] = []

        async def settled() -> bool:
            checks = {
                "worker committed articles": caught_up(c.bootstrap, workers, c.topic("articles")),
                "alerts committed alerts": caught_up(c.bootstrap, alerts_group, c.topic("alerts")),
                "deliveries idle": deliveries_idle(redis, keys),
            }
            waiting[:] = [name for name, check in checks.items() if not await check]
            return not waiting

        await until(settled, "first replay fully processed", stack, waiting)
        first = list(receiver.got)
        seen = []
        for path, headers, body in first:
            payload = Webhook(secrets[path]).verify(body, headers)
            alert = payload["data"]["alert"]
            assert (path, alert["actor"]) in {("/russia", "Russia"), ("/china", "China")}
            assert alert["type"] in ("denial", "warning")
            seen.append((alert["actor"], alert["type"]))
        assert {("Russia", "denial"), ("China", "denial")} <= set(seen)
        assert len({h["webhook-id"] for _, h, _ in first}) == len(first)  # each once

        replay(stack)
        await until(settled, "second replay fully processed", stack, waiting)
        assert receiver.got == first, "a second replay notified again"
    finally:
        await redis.aclose()

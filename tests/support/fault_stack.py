"""Fault tests' processes: the services, a broker and Redis of their own, polled deadlines."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from redis.asyncio import Redis

from services.alerts.redis.delivery_queue import GROUP
from services.alerts.redis.keys import Keys
from services.common.kafka import ensure_topics
from services.common.settings import KafkaSettings
from services.launcher.plan import StackConfig, service_specs
from services.launcher.ports import free_port
from services.launcher.processes import Managed
from services.launcher.processes import start as start_process
from services.launcher.processes import stop as stop_process
from tests.support.polling import eventually

ROOT = Path(__file__).resolve().parents[2]
API_KEY = "fault-key"
# Every wait in these tests is a deadline on a polled condition, never a fixed sleep.
DEADLINE_S = 150.0


@dataclass
class Services:
    """Alerts service and stream workers as processes (the launcher's specs and helpers)."""

    config: StackConfig
    extra_env: dict[str, str] = field(default_factory=dict)
    running: dict[str, Managed] = field(default_factory=dict)
    replays: list[subprocess.Popen[bytes]] = field(default_factory=list)
    _started: int = 0

    @classmethod
    def for_test(cls, tmp: Path, *, bootstrap: str, redis_url: str, **extra_env: str) -> Services:
        config = StackConfig(
            root=ROOT, run_dir=tmp, python=sys.executable, host="127.0.0.1",
            ingest_port=free_port(), alerts_port=free_port(), bootstrap=bootstrap,
            embedded_broker_port=None, redis_url=redis_url, embedded_redis_port=None,
            api_key=API_KEY, namespace=uuid.uuid4().hex[:10], rebalance_timeout_s=3.0,
            allow_webhooks=("127.0.0.1",),  # the receivers: loopback, ports chosen later
        )  # fmt: skip
        return cls(config, dict(extra_env))

    async def one_article_partition(self) -> None:
        """Articles on one partition: their order is the stream order, as in `simulate`
        (across partitions the first report of an act, and so its alert id, may differ)."""
        kafka = KafkaSettings(bootstrap_servers=self.config.bootstrap)
        await ensure_topics(kafka, [self.config.topic("articles")], partitions=1)

    def start(self, service: str) -> Managed:
        """Start `alerts`, `ingest` or `worker` (again: a second worker is `worker-2`)."""
        base = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWATCH_")}
        [spec] = [s for s in service_specs(self.config, base) if s.name == service]
        self._started += 1
        name = f"{service}-{self._started}"
        env = spec.env | {"CLAIMWATCH_LOG__JSON": "false"} | self.extra_env
        managed = start_process(dataclasses.replace(spec, name=name, env=env), self.config.log_dir)
        self.running[name] = managed
        return managed

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop_all()

    def kill_9(self, managed: Managed) -> None:
        os.killpg(managed.pid, signal.SIGKILL)
        managed.popen.wait(timeout=10)

    def stop_all(self) -> None:
        for managed in self.running.values():
            stop_process(managed, grace=15.0)
        for replay in self.replays:
            if replay.poll() is None:
                os.killpg(replay.pid, signal.SIGKILL)
                replay.wait(timeout=10)

    def check_alive(self) -> None:
        for name, managed in self.running.items():
            code = managed.exited()
            assert code is None or code == -signal.SIGKILL, (
                f"{name} exited with {code}:\n{managed.log_tail(30)}"
            )

    def logs(self) -> str:
        return "".join(
            f"\n--- {log.name}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-25:])
            for log in sorted(self.config.log_dir.glob("*.log"))
        )

    def api(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=self.config.alerts_url, headers={"X-API-Key": API_KEY}, timeout=10
        )

    async def subscribe(self, actor: str, url: str, *, updates: bool = True) -> str:
        spec = {"actor": actor, "include_updates": updates,
                "channels": [{"kind": "webhook", "url": url}]}  # fmt: skip
        async with self.api() as api:
            created = await api.post("/subscriptions", json=spec)
        assert created.status_code == 201, created.text
        return str(created.json()["subscription"]["id"])

    async def alerts_ready(self) -> bool:
        try:
            async with self.api() as api:
                return (await api.get("/readyz")).status_code == 200
        except httpx.HTTPError:
            return False

    def replay(self, folder: Path, *, rate: float | None = None) -> subprocess.Popen[bytes]:
        """`claimwatch replay` of `folder` as a process of its own (its log: replay-N.log)."""
        c = self.config
        argv = [sys.executable, "-m", "services.cli.main", "replay", str(folder), "--no-progress",
                "--bootstrap", c.bootstrap, "--topic", c.topic("articles")]  # fmt: skip
        if rate:
            argv += ["--rate", str(rate)]
        self._started += 1
        log = self.config.log_dir / f"replay-{self._started}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("wb") as sink:
            replay = subprocess.Popen(argv, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT,
                                      start_new_session=True)  # fmt: skip
        self.replays.append(replay)
        return replay


async def until(
    check: Callable[[], Awaitable[Any] | Any],
    what: str,
    services: Services,
    timeout: float = DEADLINE_S,
    detail: Callable[[], object] = lambda: "",
) -> Any:
    """Poll `check` until truthy; fail early when a service died, with logs either way."""
    return await eventually(
        check,
        what=what,
        timeout=timeout,
        interval=0.2,
        alive=services.check_alive,
        detail=lambda: f"{detail()}{services.logs()}",
    )


async def lag(bootstrap: str, group: str, topics: list[str]) -> int:
    """Records of `topics` that `group` has not committed yet (asked as an outsider, so the
    group's members are not disturbed)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    probe = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await admin.start()
    await probe.start()
    try:
        committed = await admin.list_consumer_group_offsets(group)
        await probe.topics()
        parts = [TopicPartition(t, p) for t in topics for p in probe.partitions_for_topic(t) or []]
        ends = await probe.end_offsets(parts)
    finally:
        await probe.stop()
        await admin.close()
    behind = 0
    for tp, end in ends.items():
        done = committed.get(tp)
        behind += end - (done.offset if done and done.offset >= 0 else 0)
    return behind


async def deliveries_idle(redis_url: str, key_prefix: str) -> bool:
    """Nothing queued, pending or scheduled for retry in the alert service's Redis."""
    keys = Keys(key_prefix)
    redis = Redis.from_url(redis_url)
    try:
        if not await redis.exists(keys.delivery_queue()):
            return True
        pending: Any = await redis.xpending(keys.delivery_queue(), GROUP)
        return pending["pending"] == 0 and await redis.zcard(keys.delivery_scheduled()) == 0
    finally:
        await redis.aclose()


async def settled(services: Services, *, workers: bool = True) -> bool:
    """Every record read and committed, every delivery finished: nothing more is coming."""
    c = services.config
    groups = [(f"claimwatch-alerts-{c.namespace}", [c.topic("alerts")])]
    if workers:
        groups.append(
            (f"claimwatch-stream-{c.namespace}", [c.topic("articles"), c.topic("claims")])
        )
    for group, topics in groups:
        if await lag(c.bootstrap, group, topics) > 0:
            return False
    return await deliveries_idle(c.redis_url, c.key_prefix)


@dataclass
class OwnServer:
    """A broker or redis-server of the test's own (`deploy/kafka.sh` or `deploy/redis.sh`), to
    stop and start again over its data on the same port; stopped on leaving the block."""

    script: str
    run_dir: Path
    address: str = ""

    def _run(self, *args: str) -> str:
        done = subprocess.run(
            [str(ROOT / "deploy" / self.script), *args, "--dir", str(self.run_dir)],
            capture_output=True, text=True, timeout=180, check=False,
        )  # fmt: skip
        assert done.returncode == 0, f"{self.script} {args}: {done.stderr}"
        return done.stdout.strip()

    def __enter__(self) -> OwnServer:
        self.address = self._run("start")
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._run("stop")

    def restart(self) -> None:
        if self.script == "kafka.sh":
            again = ["--keep-data"]  # same ports, data dir not formatted again
        else:  # redis.sh reloads the append-only file from its dir; the port is ours to give
            again = ["--port", self.address.rsplit(":", 1)[1].split("/")[0]]
        assert self._run("start", *again) == self.address


async def read_keys(bootstrap: str, topic: str, count: int, timeout: float = 60.0) -> list[bytes]:
    """The keys of a topic's records from its start; at least `count`, or all within `timeout`."""
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                                enable_auto_commit=False)  # fmt: skip
    await consumer.start()
    keys: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while len(keys) < count and time.monotonic() < deadline:
            for records in (await consumer.getmany(timeout_ms=500)).values():
                keys.extend(r.key or b"" for r in records)
        # Whatever else is there (a duplicate would be past `count`).
        for records in (await consumer.getmany(timeout_ms=1000)).values():
            keys.extend(r.key or b"" for r in records)
    finally:
        await consumer.stop()
    return keys


# Quick retries so a receiver that comes back is served within a test; never given up on.
FAST_RETRY_ENV = {
    "CLAIMWATCH_DELIVERY__RETRY__BASE_SECONDS": "0.2",
    "CLAIMWATCH_DELIVERY__RETRY__CAP_SECONDS": "1.0",
    "CLAIMWATCH_DELIVERY__RETRY__MAX_ATTEMPTS": "1000",
}


async def delivery_statuses(services: Services, delivery_ids: list[str]) -> list[str | None]:
    """Each delivery's status from the alert service's API (None: not known, or no answer)."""
    out: list[str | None] = []
    try:
        async with services.api() as api:
            for delivery_id in delivery_ids:
                got = await api.get(f"/deliveries/{delivery_id}")
                out.append(got.json()["status"] if got.status_code == 200 else None)
    except httpx.HTTPError:
        return [None] * len(delivery_ids)
    return out

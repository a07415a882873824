"""Fault tests' checks: what the offline twin expects, and a receiver that can go down."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

from services.launcher.ports import free_port
from services.launcher.processes import Managed
from tests.support.fault_stack import ROOT, Services, until

EventKey = tuple[str, str, str]  # (alert id, article id, sentence): one report of one act


def expected_events(paths: list[Path]) -> dict[EventKey, dict[str, Any]]:
    """What `claimwatch simulate` (the offline twin of the workers) decides for these files."""
    done = subprocess.run(
        [sys.executable, "-m", "services.cli.main", "simulate", *map(str, paths)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return {(r["alert_id"], r["article_id"], r["sentence"]): r for r in rows}


@dataclass
class Hook:
    """What one webhook request carried."""

    path: str
    webhook_id: str
    key: EventKey
    status: int


def event_key(body: bytes) -> EventKey:
    data = json.loads(body)["data"]
    source = data.get("source") or data["alert"]["first_source"]
    return data["alert"]["alert_id"], source["article_id"], source["sentence"]


@dataclass
class HookReceiver:
    """Webhook endpoints `/<name>` on one loopback port, which can be stopped and started again
    (a receiver that is down refuses connections); `delay[name]` seconds before answering."""

    port: int = field(default_factory=free_port)
    delay: dict[str, float] = field(default_factory=dict)
    hooks: list[Hook] = field(default_factory=list)
    _runner: web.AppRunner | None = None

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"

    async def _handle(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        body = await request.read()
        await asyncio.sleep(self.delay.get(name, 0.0))  # the slow receiver's think time
        hook = Hook(name, request.headers["webhook-id"], event_key(body), 204)
        self.hooks.append(hook)
        return web.Response(status=hook.status)

    async def up(self) -> None:
        app = web.Application()
        app.router.add_post("/{name}", self._handle)
        self._runner = web.AppRunner(app, shutdown_timeout=0.5)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True).start()

    async def down(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @asynccontextmanager
    async def running(self) -> AsyncIterator[HookReceiver]:
        await self.up()
        try:
            yield self
        finally:
            await self.down()

    def keys(self, name: str) -> list[EventKey]:
        return [h.key for h in self.hooks if h.path == name]

    def times_each(self, name: str) -> Counter[EventKey]:
        return Counter(self.keys(name))

    def duplicate_ids(self) -> list[str]:
        counts = Counter(h.webhook_id for h in self.hooks)
        return [wid for wid, n in counts.items() if n > 1]


def by_path(expected: dict[EventKey, dict[str, Any]]) -> dict[str, Counter[EventKey]]:
    """Each expected report, once, at the endpoint of the actor's follower (`/<actor>`)."""
    out: dict[str, Counter[EventKey]] = {}
    for key, row in expected.items():
        out.setdefault(hook_name(row["actor"]), Counter())[key] += 1
    return out


def hook_name(actor: str) -> str:
    return actor.casefold().replace(" ", "-")


def got_all(receiver: HookReceiver, want: dict[str, Counter[EventKey]]) -> bool:
    return all(set(receiver.times_each(path)) >= set(keys) for path, keys in want.items())


def missing(receiver: HookReceiver, want: dict[str, Counter[EventKey]]) -> str:
    gaps = {p: sorted(set(k) - set(receiver.times_each(p)))[:3] for p, k in want.items()}
    extra = {h.path: h.key for h in receiver.hooks if h.key not in want.get(h.path, {})}
    return f"(missing, per endpoint: {gaps}; unexpected: {extra}; {len(receiver.hooks)} requests)"


async def follow_every_actor(
    services: Services, receiver: HookReceiver, expected: dict[EventKey, dict[str, Any]]
) -> None:
    """One subscription per actor, further reports included: every report is one webhook."""
    for actor in sorted({row["actor"] for row in expected.values()}):
        await services.subscribe(actor, receiver.url(hook_name(actor)))


async def start_followed_stack(
    services: Services, receiver: HookReceiver, expected: dict[EventKey, dict[str, Any]]
) -> Managed:
    """Alert service up with every actor followed, then one stream worker (returned)."""
    await services.one_article_partition()
    services.start("alerts")
    await until(services.alerts_ready, "alert service ready", services)
    await follow_every_actor(services, receiver, expected)
    return services.start("worker")


def assert_each_once(receiver: HookReceiver, want: dict[str, Counter[EventKey]]) -> None:
    for path, keys in want.items():
        got = receiver.times_each(path)
        doubled = {k: n for k, n in got.items() if n > 1}
        assert not doubled, f"/{path}: delivered more than once: {doubled}"
        assert got == keys, f"/{path}: unexpected {set(got) - set(keys)}"
    assert not receiver.duplicate_ids(), receiver.duplicate_ids()
    assert {h.path for h in receiver.hooks} <= set(want)

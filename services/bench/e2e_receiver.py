"""A loopback webhook receiver noting when each delivery arrives and which article it reports."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


def article_of(payload: dict[str, Any]) -> str | None:
    """The article a webhook body reports: the new alert's first source, or the attached source."""
    data = payload.get("data")
    if not isinstance(data, dict):
        return None
    if payload.get("type") == "alert.source_attached":
        found = (data.get("source") or {}).get("article_id")
    else:
        found = ((data.get("alert") or {}).get("first_source") or {}).get("article_id")
    return found if isinstance(found, str) else None


@dataclass
class Arrivals:
    """(article id, wall-clock arrival time) per delivery, and the webhook ids seen.

    Wall clock, not monotonic, so arrivals compare with Redis's timestamps on this machine."""

    deliveries: list[tuple[str, float]] = field(default_factory=list)
    webhook_ids: list[str] = field(default_factory=list)
    unreadable: int = 0
    url: str = ""

    async def handle(self, request: web.Request) -> web.Response:
        arrived = time.time()  # before reading the body: the delivery is here
        body = await request.read()
        try:
            article_id = article_of(json.loads(body))
        except ValueError:
            article_id = None
        if article_id is None:
            self.unreadable += 1
        else:
            self.deliveries.append((article_id, arrived))
        self.webhook_ids.append(request.headers.get("webhook-id", ""))
        return web.Response(status=204)


@asynccontextmanager
async def running_receiver(host: str = "127.0.0.1", port: int = 0) -> AsyncIterator[Arrivals]:
    arrivals = Arrivals()
    app = web.Application()
    app.router.add_post("/hook", arrivals.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # The port the stack's SSRF allow-list names (0: any free one, known before serving).
    sock.bind((host, port))
    port = sock.getsockname()[1]
    await web.SockSite(runner, sock).start()
    arrivals.url = f"http://{host}:{port}/hook"
    try:
        yield arrivals
    finally:
        await runner.cleanup()

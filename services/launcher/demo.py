"""The demo around the stack: a follower with a local webhook, and the seed corpus replayed."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

from services.ingest.sources import read_articles

DEMO_ACTORS = ("Russia", "China", "United States")


class WebhookReceiver:
    """A loopback HTTP server that accepts the demo follower's webhooks and counts them."""

    def __init__(self, host: str) -> None:
        self.received: list[str] = []  # webhook-id of each delivery, in order
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                receiver.received.append(self.headers.get("webhook-id", ""))
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass  # deliveries are counted, not logged to the terminal

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/hooks/demo"

    def __enter__(self) -> WebhookReceiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def subscribe(alerts_url: str, api_key: str, webhook_url: str, actors: Iterable[str]) -> list[str]:
    """One subscription per actor, each delivering to `webhook_url`; returns their ids."""
    ids = []
    headers = {"X-API-Key": api_key}
    for actor in actors:
        body = {
            "actor": actor,
            "include_updates": True,
            "channels": [{"kind": "webhook", "url": webhook_url}],
        }
        response = httpx.post(f"{alerts_url}/subscriptions", json=body, headers=headers, timeout=10)
        response.raise_for_status()
        ids.append(str(response.json()["subscription"]["id"]))
    return ids


def replay(ingest_url: str, folder: Path) -> tuple[int, list[str]]:
    """POST every article of `folder` (sorted: chronological) to ingest; (sent, problems)."""
    sent = 0
    problems = []
    with httpx.Client(base_url=ingest_url, timeout=30) as client:
        for result in read_articles([folder]):
            if not result.ok:
                if not result.skipped:  # a README beside the articles is no problem
                    problems.append(f"{result.where}: {result.reason}")
                continue
            body = result.article.model_dump(mode="json", exclude_none=True)
            response = client.post("/articles", json=body)
            if response.is_success:
                sent += 1
            else:
                problems.append(
                    f"{result.where}: HTTP {response.status_code} {response.text[:200]}"
                )
    return sent, problems

"""The demo around the stack: a follower with a local webhook, and the seed corpus replayed."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from services.cli.alerts_client import explain
from services.ingest.sources import read_articles

DEMO_ACTORS = ("Russia", "China", "United States")


def verify_delivery(secret: str | None, body: bytes, headers: dict[str, str]) -> bool:
    """Whether a delivery carries a valid Standard Webhooks signature made with `secret`."""
    if secret is None:
        return False
    try:
        Webhook(secret).verify(body, {k.lower(): v for k, v in headers.items()})
    except WebhookVerificationError:
        return False
    return True


class WebhookReceiver:
    """A loopback HTTP server for the demo follower's webhooks: checks each signature, counts."""

    def __init__(self, host: str, port: int = 0) -> None:
        self.secrets: dict[str, str] = {}  # path -> the subscription's signing secret
        self.valid = 0
        self.invalid = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.check(self.path, body, dict(self.headers.items()))
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass  # deliveries are counted, not logged to the terminal

        # The port is chosen before the alert service starts: its SSRF allow-list names it.
        self.server = ThreadingHTTPServer((host, port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.lock = threading.Lock()

    def url(self, path: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    def check(self, path: str, body: bytes, headers: dict[str, str]) -> None:
        """Verify a delivery as a subscriber would (Standard Webhooks) and count the outcome."""
        ok = verify_delivery(self.secrets.get(path), body, headers)
        with self.lock:
            if ok:
                self.valid += 1
            else:
                self.invalid += 1

    def __enter__(self) -> WebhookReceiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def subscribe(
    alerts_url: str, api_key: str, receiver: WebhookReceiver, actors: Iterable[str]
) -> list[str]:
    """One subscription per actor, each with its own webhook path; returns their ids."""
    ids = []
    headers = {"X-API-Key": api_key}
    for index, actor in enumerate(actors):
        path = f"/hooks/demo-{index}"
        body = {
            "actor": actor,
            "include_updates": True,
            "channels": [{"kind": "webhook", "url": receiver.url(path)}],
        }
        response = httpx.post(f"{alerts_url}/subscriptions", json=body, headers=headers, timeout=10)
        response.raise_for_status()
        created = response.json()
        receiver.secrets[path] = created["secret"]
        ids.append(str(created["subscription"]["id"]))
    return ids


def replay(ingest_url: str, folder: Path, api_key: str) -> tuple[int, list[str]]:
    """POST every article of `folder` (sorted: chronological) to ingest; (sent, problems)."""
    sent = 0
    problems = []
    headers = {"X-API-Key": api_key}
    with httpx.Client(base_url=ingest_url, timeout=30, headers=headers) as client:
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
                problems.append(f"{result.where}: {explain(response)}")
    return sent, problems

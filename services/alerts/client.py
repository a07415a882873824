"""What the CLI commands share to talk to the alert service: flags, a client, SSE parsing."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx

DEFAULT_API = "http://127.0.0.1:8001"
KEY_ENV = "CLAIMWATCH_API_KEY"


def add_api_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--api", default=DEFAULT_API, help=f"alert service URL ({DEFAULT_API})")
    parser.add_argument(
        "--api-key", default=None, help=f"management key (default: ${KEY_ENV}; never logged)"
    )


def api_key(args: argparse.Namespace) -> str | None:
    # The CLI is an entry point, like __main__: reading the environment here is its job.
    return args.api_key or os.environ.get(KEY_ENV)


def client(args: argparse.Namespace, *, timeout: float | None = 15.0) -> httpx.Client:
    key = api_key(args)
    headers = {"X-API-Key": key} if key else {}
    return httpx.Client(base_url=args.api, headers=headers, timeout=timeout, trust_env=False)


def explain(response: httpx.Response) -> str:
    """One line for a failed call: status and the server's reason."""
    try:
        detail = response.json().get("detail", response.text)
    except ValueError:
        detail = response.text
    hint = f" (set {KEY_ENV} or --api-key)" if response.status_code == 401 else ""
    return f"error: HTTP {response.status_code}: {detail}{hint}"


@dataclass
class SseEvent:
    id: str | None = None
    event: str = "message"
    data_lines: list[str] = field(default_factory=list)

    @property
    def data(self) -> str:
        return "\n".join(self.data_lines)


def parse_sse(lines: Iterator[str]) -> Iterator[SseEvent]:
    """Server-sent events from response lines; comments (heartbeats) are skipped."""
    current = SseEvent()
    for line in lines:
        if line == "":
            if current.data_lines:
                yield current
            current = SseEvent(id=current.id)  # the last id carries over, per the spec
            current.data_lines = []
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if name == "id":
            current.id = value
        elif name == "event":
            current.event = value
        elif name == "data":
            current.data_lines.append(value)

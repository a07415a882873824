"""What the CLI commands share to talk to the alert service: flags, a client, SSE parsing."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Literal

import httpx

from services.common.terminal import safe
from services.launcher import stackfile
from services.launcher.stackfile import StackInfo

DEFAULT_API = "http://127.0.0.1:8001"
KEY_ENV = "CLAIMWATCH_API_KEY"


def add_api_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--api",
        default=None,
        help=f"alert service URL (default: the running `claimwatch up`, else {DEFAULT_API})",
    )
    parser.add_argument(
        "--api-key",
        default=None,
        help=f"API key (default: ${KEY_ENV}, else the running `claimwatch up`'s; never logged)",
    )


@dataclass(frozen=True)
class Endpoint:
    """Where the alert service is and the key to send it, with where each came from."""

    url: str
    key: str | None
    source: str


def _alerts_url(found: StackInfo) -> str | None:
    return found.alerts_url


def endpoint(
    args: argparse.Namespace,
    env: Mapping[str, str] | None = None,
    stack: StackInfo | Literal["find"] | None = "find",
    *,
    service: Callable[[StackInfo], str | None] = _alerts_url,
    default: str = DEFAULT_API,
) -> Endpoint:
    """A flag, else the environment, else a running `claimwatch up`'s stack file, else defaults.

    `service` picks the stack's URL of the service wanted (the alert service's by default; the
    sources service's for `feeds`). The stack's key goes only to that URL: a key must not
    follow `--api` elsewhere.
    """
    env = os.environ if env is None else env  # the CLI is an entry point: reading it is its job
    found = stackfile.find() if stack == "find" else stack
    own = service(found) if found is not None else None
    url = args.api or own or default
    key = args.api_key or env.get(KEY_ENV)
    source = "flags" if args.api else "defaults"
    if found is not None and own and url.rstrip("/") == own.rstrip("/"):
        source = f"the stack of `claimwatch up` (pid {found.pid})"
        key = key or found.api_key.get_secret_value()
    return Endpoint(url, key, source)


def api_key(args: argparse.Namespace) -> str | None:
    return endpoint(args).key


def client(
    args: argparse.Namespace,
    *,
    timeout: float | None = 15.0,
    service: Callable[[StackInfo], str | None] = _alerts_url,
    default: str = DEFAULT_API,
) -> httpx.Client:
    where = endpoint(args, service=service, default=default)
    headers = {"X-API-Key": where.key} if where.key else {}
    return httpx.Client(base_url=where.url, headers=headers, timeout=timeout, trust_env=False)


def _field(loc: Iterable[object]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "the request"


def reason(body: object, fallback: str) -> str:
    """The server's reason as a sentence: validation details become `field: message; ...`."""
    if isinstance(body, dict):
        detail = body.get("detail") or body.get("error")
        if isinstance(detail, list) and detail:
            items = [d for d in detail if isinstance(d, dict)]
            if items:
                return "; ".join(f"{_field(d.get('loc') or [])}: {d.get('msg')}" for d in items)
        if isinstance(detail, str) and detail:
            return detail
    return fallback.strip() or "no reason given"


def explain(response: httpx.Response) -> str:
    """One readable, terminal-safe line for a failed call: what it means and the server's reason."""
    try:
        body: object = response.json()
    except ValueError:
        body = None
    why = reason(body, response.text[:300])
    try:
        phrase = HTTPStatus(response.status_code).phrase.lower()
    except ValueError:
        phrase = "unexpected answer"
    hint = ""
    if response.status_code == 401:
        hint = f"; start `claimwatch up` here, or set {KEY_ENV} or --api-key"
    return safe(f"error: {why} (HTTP {response.status_code} {phrase}{hint})")


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

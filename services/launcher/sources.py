"""The sources service in the local stack: its process, and the feeds `up --feed` watches."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from services.launcher.processes import ProcessSpec

ENV = "CLAIMWATCH_"


def allow_entries(feeds: Iterable[str]) -> list[str]:
    """`host:port` of each feed: the SSRF guard lets the service reach exactly these (a local
    feed server on loopback), not every port on the host (Redis, the APIs)."""
    out: list[str] = []
    for url in feeds:
        parts = urlsplit(url)
        if not parts.hostname:
            continue
        port = parts.port or (443 if parts.scheme == "https" else 80)
        host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        out.append(f"{host}:{port}")
    return sorted(set(out))


def sources_spec(
    shared: Mapping[str, str],
    *,
    python: str,
    host: str,
    port: int,
    api_key: str,
    feeds: Iterable[str],
    cwd: Path,
) -> ProcessSpec:
    env = dict(shared) | {
        f"{ENV}HOST": host,
        f"{ENV}PORT": str(port),
        f"{ENV}API_KEY": api_key,
        f"{ENV}FETCH__ALLOW_HOSTS": json.dumps(allow_entries(feeds)),
    }
    return ProcessSpec("sources", [python, "-m", "services.sources"], env, cwd)


def watch(sources_url: str, api_key: str, feeds: Iterable[str], every: int) -> list[str]:
    """Ask the sources service to watch each feed; returns the feed ids. Raises on refusal,
    with the service's reason as a terminal-safe sentence (it may quote the URL or a DNS answer)."""
    from services.cli.alerts_client import reason
    from services.common.terminal import safe

    ids = []
    with httpx.Client(base_url=sources_url, headers={"X-API-Key": api_key}, timeout=10) as api:
        for url in feeds:
            response = api.post("/feeds", json={"url": url, "every_seconds": every})
            if response.status_code not in (200, 201):
                try:
                    body: object = response.json()
                except ValueError:
                    body = None
                why = reason(body, response.text[:300])
                raise httpx.HTTPError(
                    safe(f"feed {url} refused (HTTP {response.status_code}): {why}")
                )
            ids.append(response.json()["id"])
    return ids

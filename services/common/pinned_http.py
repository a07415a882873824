"""The HTTP client for requests pinned to an address the SSRF guard checked (webhooks, feeds)."""

from __future__ import annotations

import httpx


def pinned_client(timeout: float) -> httpx.AsyncClient:
    """No redirects followed (each hop is checked by the caller), no proxies from the
    environment, and no keep-alive: the pool is keyed by the pinned IP, so a kept TLS connection
    verified for one name could otherwise carry a request for another name on the same address."""
    return httpx.AsyncClient(
        follow_redirects=False,
        timeout=timeout,
        trust_env=False,
        limits=httpx.Limits(max_keepalive_connections=0),
    )

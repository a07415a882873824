"""HTTP GETs for feeds, pages and robots.txt: guarded, pinned, bounded in time and size.

Every hop (redirects included) passes the SSRF guard and connects to the address the guard
checked, with Host and TLS SNI set to the URL's name, so a second DNS answer (rebinding)
cannot move the request elsewhere, as for webhooks. The guard is the webhooks' own
(`services.common.ssrf`): its `host:port` allow entries let a local run reach its own feed
server's port on loopback and no other service listening there (Redis, the APIs).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from services.common.pinned_http import pinned_client
from services.common.ssrf import (
    AllowList,
    BlockedAddress,
    Resolver,
    Target,
    check_url,
    system_resolver,
)
from services.sources.hosts import HostGate


@dataclass(frozen=True)
class Guard:
    """The SSRF check for feed and page URLs, with the allow-list the settings name."""

    allow: AllowList
    resolve: Resolver = system_resolver

    @classmethod
    def parse(cls, entries: Iterable[str], resolve: Resolver = system_resolver) -> Guard:
        return cls(AllowList.parse(entries), resolve)

    async def check(self, url: str) -> Target:
        """The address to connect to, or BlockedAddress with the reason."""
        return await check_url(url, allow=self.allow, resolve=self.resolve)


@dataclass(frozen=True)
class Fetched:
    """One GET's outcome: `status` 0 when no HTTP answer came (then `error` says why)."""

    url: str  # the final URL, after redirects
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    blocked: bool = False  # refused by the SSRF guard: retrying cannot help
    too_large: bool = False  # over the size limit: it will not shrink by asking again

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300 and self.error is None


class TooLarge(Exception):
    pass


class Fetcher:
    def __init__(
        self,
        *,
        guard: Guard,
        gate: HostGate,
        user_agent: str,
        timeout: float,
        max_redirects: int,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self.guard = guard
        self.gate = gate
        self.user_agent = user_agent
        self.max_redirects = max_redirects
        self.client = client or pinned_client(timeout)

    async def aclose(self) -> None:
        await self.client.aclose()

    async def get(
        self, url: str, *, max_bytes: int, headers: dict[str, str] | None = None
    ) -> Fetched:
        """GET `url` following up to `max_redirects` redirects, each one checked."""
        extra = dict(headers or {})
        for _ in range(self.max_redirects + 1):
            try:
                target = await self.guard.check(url)
            except BlockedAddress as exc:
                return Fetched(url, 0, error=f"refused: {exc}", blocked=True)
            async with self.gate.turn(target.host, target.port):
                result = await self._once(url, target.ip, target.scheme, extra, max_bytes)
            location = result.headers.get("location")
            if result.status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                extra = {}  # validators belong to the first URL
                continue
            return result
        return Fetched(url, 0, error=f"more than {self.max_redirects} redirects")

    async def _once(
        self, url: str, ip: str, scheme: str, headers: dict[str, str], max_bytes: int
    ) -> Fetched:
        original = httpx.URL(url)
        pinned = original.copy_with(host=ip)
        sent = {
            "host": original.netloc.decode("ascii"),
            "user-agent": self.user_agent,
            "accept-encoding": "gzip, deflate",
            **headers,
        }
        extensions = {"sni_hostname": original.host} if scheme == "https" else {}
        try:
            async with self.client.stream(
                "GET", pinned, headers=sent, extensions=extensions
            ) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise TooLarge(f"{declared} bytes declared, limit {max_bytes}")
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body.extend(chunk)
                    if len(body) > max_bytes:
                        raise TooLarge(f"over the limit of {max_bytes} bytes")
                return Fetched(url, response.status_code, bytes(body), dict(response.headers))
        except TooLarge as exc:
            return Fetched(url, 0, error=f"too large: {exc}", too_large=True)
        except httpx.HTTPError as exc:
            return Fetched(url, 0, error=f"{type(exc).__name__}: {exc}"[:300])

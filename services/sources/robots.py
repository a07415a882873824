"""robots.txt for pages: fetched once per site and kept for a while (in memory, per process).
Its Crawl-delay, when longer than ours, becomes the site's interval in the host gate."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit

from protego import Protego

from services.sources.fetch import Fetcher

ROBOTS_MAX_BYTES = 512 * 1024
# The product token robots.txt rules name: the first word of the User-Agent.
ROBOTS_AGENT = "claimwatch-sources"


class Robots:
    def __init__(
        self,
        fetcher: Fetcher,
        *,
        cache_seconds: float,
        agent: str = ROBOTS_AGENT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.fetcher = fetcher
        self.cache_seconds = cache_seconds
        self.agent = agent
        self.clock = clock
        self._cache: dict[str, tuple[float, Protego | None]] = {}

    async def allows(self, url: str) -> bool:
        """Whether robots.txt lets us fetch `url`. No robots.txt (4xx) allows everything; a
        site whose robots.txt cannot be read (5xx, timeout) is left alone for now, as
        RFC 9309 asks."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        cached = self._cache.get(site)
        if cached is None or self.clock() >= cached[0]:
            rules = await self._load(site)
            delay = rules.crawl_delay(self.agent) if rules is not None else None
            if delay:
                port = parts.port or (443 if parts.scheme == "https" else 80)
                self.fetcher.gate.slow_down(parts.hostname or "", port, float(delay))
            # An unreadable robots.txt is asked again soon, not after the full cache time.
            keep = self.cache_seconds if rules is not None else min(60.0, self.cache_seconds)
            cached = (self.clock() + keep, rules)
            self._cache[site] = cached
        rules = cached[1]
        if rules is None:
            return False
        return bool(rules.can_fetch(url, self.agent))

    async def _load(self, site: str) -> Protego | None:
        got = await self.fetcher.get(f"{site}/robots.txt", max_bytes=ROBOTS_MAX_BYTES)
        if 400 <= got.status < 500:
            return Protego.parse("")
        if not got.ok:
            return None
        return Protego.parse(got.body.decode("utf-8", "replace"))

"""Which pages were fetched: one Redis key per page URL, with expiry, so each page is fetched
once across polls, feeds, restarts and several instances."""

from __future__ import annotations

import hashlib
from enum import StrEnum

from redis.asyncio import Redis

# A claim that its holder never settles (a crash mid-fetch) frees itself after this long.
LEASE_SECONDS = 300


class PageOutcome(StrEnum):
    PUBLISHED = "published"
    GONE = "gone"  # 404/410 and other final answers
    NO_ARTICLE = "no-article"  # fetched, but no article text in it
    NOT_ENGLISH = "not-english"  # the story is in a language the extractor does not read
    DISALLOWED = "disallowed"  # robots.txt or the SSRF guard says no
    FAILED = "failed"  # passing errors, retried until out of attempts


class SeenPages:
    def __init__(self, redis: Redis, prefix: str, *, ttl_seconds: int, attempts: int) -> None:
        self.redis = redis
        self.prefix = prefix
        self.ttl = ttl_seconds
        self.attempts = attempts

    def key(self, url: str) -> str:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
        return f"{self.prefix}:sources:page:{digest}"

    def tries_key(self, url: str) -> str:
        return self.key(url) + ":tries"

    async def claim(self, url: str) -> bool:
        """True when this caller may fetch `url` now: nobody has, and nobody is."""
        return bool(await self.redis.set(self.key(url), "fetching", nx=True, ex=LEASE_SECONDS))

    async def settle(self, url: str, outcome: PageOutcome) -> None:
        """Remember the page for good (until expiry): it is never fetched again."""
        await self.redis.set(self.key(url), outcome.value, ex=self.ttl)
        await self.redis.delete(self.tries_key(url))

    async def release(self, url: str) -> bool:
        """A passing failure: free the page for a later poll, unless it ran out of attempts.
        True when it will be tried again."""
        tries = int(await self.redis.incr(self.tries_key(url)))
        await self.redis.expire(self.tries_key(url), self.ttl)
        if tries >= self.attempts:
            await self.settle(url, PageOutcome.FAILED)
            return False
        await self.redis.delete(self.key(url))
        return True

    async def outcome(self, url: str) -> str | None:
        raw = await self.redis.get(self.key(url))
        return raw.decode() if isinstance(raw, bytes) else raw

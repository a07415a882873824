"""The watched feeds and their health in Redis: written by the sources service, read by the
dashboard. One module so that both services agree on the keys without importing each other."""

from __future__ import annotations

from redis.asyncio import Redis

from schemas.feeds import Feed, FeedHealth, FeedStatus

# Health is kept a month past the last poll: a removed or long-dead feed's leftovers go away.
HEALTH_TTL_SECONDS = 30 * 86_400


class FeedRegistry:
    """Feeds (kept for good: they survive restarts) and each one's health (with expiry)."""

    def __init__(self, redis: Redis, prefix: str = "claimwatch") -> None:
        self.redis = redis
        self.prefix = prefix

    def feeds_key(self) -> str:
        return f"{self.prefix}:feeds"

    def health_key(self, feed_id: str) -> str:
        return f"{self.prefix}:feed:{feed_id}:health"

    async def add(self, feed: Feed) -> bool:
        """Store `feed`; True when it is new, False when it replaced one with the same URL."""
        added = await self.redis.hset(self.feeds_key(), feed.id, feed.model_dump_json())
        return bool(added)

    async def remove(self, feed_id: str) -> bool:
        removed = await self.redis.hdel(self.feeds_key(), feed_id)
        await self.redis.delete(self.health_key(feed_id))
        return bool(removed)

    async def get(self, feed_id: str) -> Feed | None:
        raw = await self.redis.hget(self.feeds_key(), feed_id)
        return Feed.model_validate_json(raw) if raw else None

    async def feeds(self) -> list[Feed]:
        raw = await self.redis.hgetall(self.feeds_key())
        return sorted((Feed.model_validate_json(v) for v in raw.values()), key=_added)

    async def health(self, feed_id: str) -> FeedHealth:
        raw = await self.redis.get(self.health_key(feed_id))
        return FeedHealth.model_validate_json(raw) if raw else FeedHealth()

    async def save_health(self, feed_id: str, health: FeedHealth) -> None:
        # Only for a feed still watched: a poll that ends after `remove` leaves nothing behind.
        if await self.redis.hexists(self.feeds_key(), feed_id):
            await self.redis.set(
                self.health_key(feed_id), health.model_dump_json(), ex=HEALTH_TTL_SECONDS
            )

    async def healths(self, feed_ids: list[str]) -> list[FeedHealth]:
        """Each feed's health in one round trip (the scheduler asks every second)."""
        if not feed_ids:
            return []
        raw = await self.redis.mget([self.health_key(i) for i in feed_ids])
        return [FeedHealth.model_validate_json(r) if r else FeedHealth() for r in raw]

    async def statuses(self) -> list[FeedStatus]:
        feeds = await self.feeds()
        healths = await self.healths([f.id for f in feeds])
        pairs = zip(feeds, healths, strict=True)
        return [FeedStatus(feed=f, health=h, healthy=h.healthy) for f, h in pairs]


def _added(feed: Feed) -> tuple[str, str]:
    return (feed.added_at.isoformat(), feed.id)

"""Articles' text and claims in Redis: short-lived by default, kept once an alert names them."""

from __future__ import annotations

from typing import Any, Protocol

from redis.asyncio import Redis

from schemas.claims import Claim
from services.alerts.articles import ArticleRecord, CachedArticle, claim_id
from services.alerts.redis.keys import Keys

# Whether a write is kept or cached is decided inside Redis, in one script with the write, so
# the order of `articles`, `claims` and `alerts` (three topics, no order between them) cannot
# matter: either the pin ran first and the write sees its marker, or the write ran first and
# the pin lengthens what it wrote. ARGV[2] == 0 keeps for good.
_PUT = """
if ARGV[3] == 'body' then
  redis.call('SET', KEYS[1], ARGV[4])
else
  redis.call('HSET', KEYS[1], ARGV[5], ARGV[4])
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  if tonumber(ARGV[2]) > 0 then
    redis.call('EXPIRE', KEYS[1], ARGV[2])
  else
    redis.call('PERSIST', KEYS[1])
  end
else
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return 1
"""

_PIN = """
if tonumber(ARGV[1]) > 0 then
  redis.call('SET', KEYS[1], '1', 'EX', ARGV[1])
  redis.call('EXPIRE', KEYS[2], ARGV[1])
  redis.call('EXPIRE', KEYS[3], ARGV[1])
else
  redis.call('SET', KEYS[1], '1')
  redis.call('PERSIST', KEYS[2])
  redis.call('PERSIST', KEYS[3])
end
return 1
"""


class ArticleStore(Protocol):
    async def put_article(self, record: ArticleRecord) -> None: ...
    async def put_claim(self, claim: Claim) -> None: ...
    async def pin(self, article_id: str) -> None: ...
    async def get(self, article_id: str) -> CachedArticle | None: ...


class RedisArticleStore:
    """Idempotent: an article is one key and a claim one field (by `claim_id`), so Kafka's
    redelivery rewrites the same values."""

    def __init__(
        self, redis: Redis, keys: Keys, *, cache_seconds: int, retention_seconds: int
    ) -> None:
        self._r = redis
        self._k = keys
        self._cache = cache_seconds
        self._retention = retention_seconds
        self._put = redis.register_script(_PUT)
        self._pin = redis.register_script(_PIN)

    async def put_article(self, record: ArticleRecord) -> None:
        k = self._k
        await self._put(
            keys=[k.article(record.article_id), k.article_pinned(record.article_id)],
            args=[self._cache, self._retention, "body", record.model_dump_json(), ""],
        )

    async def put_claim(self, claim: Claim) -> None:
        k = self._k
        await self._put(
            keys=[k.article_claims(claim.article_id), k.article_pinned(claim.article_id)],
            args=[self._cache, self._retention, "claim", claim.model_dump_json(), claim_id(claim)],
        )

    async def pin(self, article_id: str) -> None:
        k = self._k
        keys = [k.article_pinned(article_id), k.article(article_id), k.article_claims(article_id)]
        await self._pin(keys=keys, args=[self._retention])

    async def get(self, article_id: str) -> CachedArticle | None:
        pipe = self._r.pipeline(transaction=False)
        pipe.get(self._k.article(article_id))
        pipe.hvals(self._k.article_claims(article_id))
        replies: list[Any] = await pipe.execute()
        body, claims = replies
        if body is None and not claims:
            return None
        return CachedArticle(
            record=ArticleRecord.model_validate_json(body) if body is not None else None,
            claims=[Claim.model_validate_json(raw) for raw in claims],
        )

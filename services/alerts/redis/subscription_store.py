"""Subscriptions and their webhook secrets in Redis."""

from __future__ import annotations

import base64
import json
import secrets
import uuid
from typing import Any, Protocol

from redis.asyncio import Redis

from schemas.subscriptions import AppriseChannel, Subscription, SubscriptionSpec
from services.alerts.redis.keys import Keys


def new_webhook_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def _record(sub: Subscription) -> str:
    """JSON for Redis with Apprise URLs in clear (they carry tokens, so they are SecretStr in
    the model and masked everywhere else)."""
    data: dict[str, Any] = sub.model_dump(mode="json")
    data["channels"] = [
        {"kind": "apprise", "url": ch.url.get_secret_value()}
        if isinstance(ch, AppriseChannel)
        else ch.model_dump(mode="json")
        for ch in sub.channels
    ]
    return json.dumps(data)


class SubscriptionStore(Protocol):
    async def create(self, spec: SubscriptionSpec, canonical: str) -> tuple[Subscription, str]: ...
    async def list(self) -> list[Subscription]: ...
    async def get(self, sub_id: str) -> Subscription | None: ...
    async def replace(
        self, sub_id: str, spec: SubscriptionSpec, canonical: str
    ) -> Subscription | None: ...
    async def delete(self, sub_id: str) -> bool: ...
    async def secret(self, sub_id: str) -> str | None: ...
    async def disable_channel(self, sub_id: str, index: int) -> None: ...


class RedisSubscriptionStore:
    def __init__(self, redis: Redis, keys: Keys) -> None:
        self._r = redis
        self._k = keys

    async def create(self, spec: SubscriptionSpec, canonical: str) -> tuple[Subscription, str]:
        sub = Subscription(**dict(spec), id=f"sub_{uuid.uuid4().hex}", actor_canonical=canonical)
        secret = new_webhook_secret()
        async with self._r.pipeline(transaction=True) as pipe:
            pipe.set(self._k.subscription(sub.id), _record(sub))
            pipe.set(self._k.subscription_secret(sub.id), secret)
            pipe.sadd(self._k.subscriptions(), sub.id)
            await pipe.execute()
        return sub, secret

    async def list(self) -> list[Subscription]:
        members: Any = await self._r.smembers(self._k.subscriptions())
        ids = sorted(m.decode() for m in members)
        if not ids:
            return []
        records = await self._r.mget([self._k.subscription(i) for i in ids])
        return [Subscription.model_validate_json(r) for r in records if r is not None]

    async def get(self, sub_id: str) -> Subscription | None:
        record = await self._r.get(self._k.subscription(sub_id))
        return Subscription.model_validate_json(record) if record else None

    async def replace(
        self, sub_id: str, spec: SubscriptionSpec, canonical: str
    ) -> Subscription | None:
        old = await self.get(sub_id)
        if old is None:
            return None
        # Channels may have changed, so earlier 410-disables no longer point at the same ones.
        disabled = old.disabled_channels if spec.channels == old.channels else []
        sub = Subscription(
            **dict(spec),
            id=sub_id,
            actor_canonical=canonical,
            created_at=old.created_at,
            disabled_channels=disabled,
        )
        await self._r.set(self._k.subscription(sub_id), _record(sub), xx=True)
        return sub

    async def delete(self, sub_id: str) -> bool:
        async with self._r.pipeline(transaction=True) as pipe:
            pipe.delete(self._k.subscription(sub_id), self._k.subscription_secret(sub_id))
            pipe.srem(self._k.subscriptions(), sub_id)
            deleted, _ = await pipe.execute()
        return bool(deleted)

    async def secret(self, sub_id: str) -> str | None:
        value: Any = await self._r.get(self._k.subscription_secret(sub_id))
        return value.decode() if value else None

    async def disable_channel(self, sub_id: str, index: int) -> None:
        sub = await self.get(sub_id)
        if sub is None or index in sub.disabled_channels:
            return
        disabled = sorted({*sub.disabled_channels, index})
        updated = sub.model_copy(update={"disabled_channels": disabled})
        await self._r.set(self._k.subscription(sub_id), _record(updated), xx=True)

"""Pending deliveries in Redis: a stream with a consumer group, a schedule of retries, dead letters.

A delivery is in exactly one place: the stream (new or due, pending until acknowledged), the
retry schedule (a sorted set by due time), or the dead letters. Moves between them are atomic,
so a crash or restart at any point loses nothing; at worst a delivery is attempted again with
the same webhook-id, which receivers dedupe on.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any, Protocol

from pydantic import ValidationError
from redis.asyncio import Redis
from redis.exceptions import ResponseError

from services.alerts.models import DeadDelivery, DeliveryJob, DeliveryState
from services.alerts.redis.keys import Keys

log = logging.getLogger(__name__)

GROUP = "delivery-workers"
_ENQUEUED_TTL = 30 * 24 * 3600  # replays within a month don't notify twice

_ENQUEUE = """
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[3]) then return 0 end
redis.call('XADD', KEYS[2], '*', 'job', ARGV[1])
redis.call('SET', KEYS[3], ARGV[2])
return 1
"""

_PROMOTE = """
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
for _, job in ipairs(due) do
  redis.call('ZREM', KEYS[1], job)
  redis.call('XADD', KEYS[2], '*', 'job', job)
end
return #due
"""

_REPLAY = """
local dead = redis.call('HGET', KEYS[1], ARGV[1])
if not dead then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('XADD', KEYS[2], '*', 'job', ARGV[2])
redis.call('SET', KEYS[3], ARGV[3])
return 1
"""

Message = tuple[str, DeliveryJob | None]


def _now() -> datetime:
    return datetime.now(UTC)


def _state(status: str, **fields: Any) -> str:
    return DeliveryState(status=status, **fields).model_dump_json()


class DeliveryQueue(Protocol):
    """Pending deliveries: what the handler enqueues, the worker drains and the API inspects."""

    async def ensure_group(self) -> None: ...
    async def enqueue(self, job: DeliveryJob) -> bool: ...
    async def is_fanned_out(self, event_key: str) -> bool: ...
    async def mark_fanned_out(self, event_key: str) -> None: ...
    async def read(self, consumer: str, *, count: int, block_ms: int) -> list[Message]: ...
    async def read_own_pending(self, consumer: str, *, count: int) -> list[Message]: ...
    async def reclaim(self, consumer: str, *, min_idle_ms: int, count: int) -> list[Message]: ...
    async def promote_due(self, *, limit: int = 100, now: datetime | None = None) -> int: ...
    async def delivered(self, msg_id: str, job: DeliveryJob, status: int | None) -> None: ...
    async def dropped(self, msg_id: str, job: DeliveryJob, why: str) -> None: ...
    async def retry_at(
        self, msg_id: str, job: DeliveryJob, due: datetime, status: int | None, error: str
    ) -> None: ...
    async def dead_letter(
        self, msg_id: str, job: DeliveryJob, status: int | None, error: str
    ) -> None: ...
    async def discard(self, msg_id: str) -> None: ...
    async def dead_letters(self) -> list[DeadDelivery]: ...
    async def replay(self, delivery_id: str) -> bool: ...
    async def state(self, delivery_id: str) -> DeliveryState | None: ...
    async def scheduled_count(self) -> int: ...


class RedisDeliveryQueue:
    def __init__(self, redis: Redis, keys: Keys) -> None:
        self._r = redis
        self._k = keys
        self._enqueue = redis.register_script(_ENQUEUE)
        self._promote = redis.register_script(_PROMOTE)
        self._replay = redis.register_script(_REPLAY)

    async def ensure_group(self) -> None:
        try:
            await self._r.xgroup_create(self._k.delivery_queue(), GROUP, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def enqueue(self, job: DeliveryJob) -> bool:
        """Queue `job` unless a delivery with its id was queued before."""
        added = await self._enqueue(
            keys=[
                self._k.delivery_enqueued(job.delivery_id),
                self._k.delivery_queue(),
                self._k.delivery_state(job.delivery_id),
            ],
            args=[job.model_dump_json(), _state("pending"), _ENQUEUED_TTL],
        )
        return bool(added)

    async def is_fanned_out(self, event_key: str) -> bool:
        return bool(await self._r.exists(self._k.fanned_out(event_key)))

    async def mark_fanned_out(self, event_key: str) -> None:
        await self._r.set(self._k.fanned_out(event_key), "1", ex=_ENQUEUED_TTL)

    async def read(self, consumer: str, *, count: int, block_ms: int) -> list[Message]:
        reply: Any = await self._r.xreadgroup(
            GROUP, consumer, {self._k.delivery_queue(): ">"}, count=count, block=block_ms
        )
        return [m for _s, entries in reply or [] for m in map(_message, entries)]

    async def read_own_pending(self, consumer: str, *, count: int) -> list[Message]:
        reply: Any = await self._r.xreadgroup(
            GROUP, consumer, {self._k.delivery_queue(): "0"}, count=count
        )
        return [m for _s, entries in reply or [] for m in map(_message, entries) if m[0]]

    async def reclaim(self, consumer: str, *, min_idle_ms: int, count: int) -> list[Message]:
        """Deliveries another consumer read but never acknowledged (it crashed) for too long."""
        reply: Any = await self._r.xautoclaim(
            self._k.delivery_queue(), GROUP, consumer, min_idle_ms, start_id="0-0", count=count
        )
        return [_message(entry) for entry in reply[1] if entry and entry[1]]

    async def promote_due(self, *, limit: int = 100, now: datetime | None = None) -> int:
        moved = await self._promote(
            keys=[self._k.delivery_scheduled(), self._k.delivery_queue()],
            args=[(now or _now()).timestamp(), limit],
        )
        return int(moved)

    async def delivered(self, msg_id: str, job: DeliveryJob, status: int | None) -> None:
        await self._finish(
            msg_id, job, _state("delivered", attempts=job.attempt, last_status=status)
        )

    async def dropped(self, msg_id: str, job: DeliveryJob, why: str) -> None:
        status = "disabled" if why == "disabled" else "dropped"
        await self._finish(msg_id, job, _state(status, attempts=job.attempt, last_error=why))

    async def _finish(self, msg_id: str, job: DeliveryJob, state: str) -> None:
        async with self._r.pipeline(transaction=True) as pipe:
            pipe.set(self._k.delivery_state(job.delivery_id), state)
            pipe.xack(self._k.delivery_queue(), GROUP, msg_id)
            await pipe.execute()

    async def retry_at(
        self, msg_id: str, job: DeliveryJob, due: datetime, status: int | None, error: str
    ) -> None:
        """Schedule `job` (its attempt count already raised) and acknowledge its message at once."""
        state = _state("retrying", attempts=job.attempt, last_status=status, last_error=error)
        async with self._r.pipeline(transaction=True) as pipe:
            pipe.zadd(self._k.delivery_scheduled(), {job.model_dump_json(): due.timestamp()})
            pipe.set(self._k.delivery_state(job.delivery_id), state)
            pipe.xack(self._k.delivery_queue(), GROUP, msg_id)
            await pipe.execute()

    async def dead_letter(
        self, msg_id: str, job: DeliveryJob, status: int | None, error: str
    ) -> None:
        dead = DeadDelivery(job=job, error=error)
        state = _state("dead", attempts=job.attempt, last_status=status, last_error=error)
        async with self._r.pipeline(transaction=True) as pipe:
            pipe.hset(self._k.delivery_dead(), job.delivery_id, dead.model_dump_json())
            pipe.set(self._k.delivery_state(job.delivery_id), state)
            pipe.xack(self._k.delivery_queue(), GROUP, msg_id)
            await pipe.execute()

    async def discard(self, msg_id: str) -> None:
        await self._r.xack(self._k.delivery_queue(), GROUP, msg_id)

    async def dead_letters(self) -> list[DeadDelivery]:
        rows = await self._r.hgetall(self._k.delivery_dead())
        dead = [DeadDelivery.model_validate_json(v) for v in rows.values()]
        return sorted(dead, key=lambda d: d.dead_at)

    async def replay(self, delivery_id: str) -> bool:
        """Put a dead delivery back in the queue with fresh attempts and the same webhook-id."""
        raw = await self._r.hget(self._k.delivery_dead(), delivery_id)
        if raw is None:
            return False
        job = DeadDelivery.model_validate_json(raw).job.model_copy(update={"attempt": 0})
        done = await self._replay(
            keys=[
                self._k.delivery_dead(),
                self._k.delivery_queue(),
                self._k.delivery_state(delivery_id),
            ],
            args=[delivery_id, job.model_dump_json(), _state("pending")],
        )
        return bool(done)

    async def state(self, delivery_id: str) -> DeliveryState | None:
        raw = await self._r.get(self._k.delivery_state(delivery_id))
        return DeliveryState.model_validate_json(raw) if raw else None

    async def scheduled_count(self) -> int:
        return int(await self._r.zcard(self._k.delivery_scheduled()))


def _message(entry: Any) -> Message:
    msg_id, fields = entry
    msg_id = msg_id.decode() if isinstance(msg_id, bytes) else msg_id
    raw = fields.get(b"job") if isinstance(next(iter(fields), b""), bytes) else fields.get("job")
    try:
        return msg_id, DeliveryJob.model_validate_json(raw or b"")
    except ValidationError as exc:
        log.error("undecodable delivery %s dropped: %s", msg_id, exc.errors()[:1])
        return msg_id, None

"""Alert state in Redis: alerts with their sources, timelines, actor counts and the event log."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol

from redis.asyncio import Redis

from schemas.alerts import Alert, AlertRaised, AlertRevised, AlertSource, SourceAttached
from schemas.claims import ClaimType
from schemas.events import Event
from services.alerts.models import ActorCount, StoredAlert, report_key, source_key
from services.alerts.redis.alert_store_scripts import ATTACH, RAISE, REVISE
from services.alerts.redis.keys import Keys

# "claimed": the report already belongs to another alert (a replay read it differently).
Outcome = Literal["new", "duplicate", "orphan", "claimed"]


@dataclass(frozen=True)
class StoreResult:
    outcome: Outcome
    event_id: str | None = None  # id in the event log (the SSE id) when new

    @property
    def new(self) -> bool:
        return self.outcome == "new"


@dataclass(frozen=True)
class LoggedEvent:
    id: str
    kind: str
    alert_id: str
    source_count: int
    data: dict[str, Any]


def _score(alert_time: datetime) -> float:
    return alert_time.timestamp()


class AlertStore(Protocol):
    async def add_raised(self, event: AlertRaised) -> StoreResult: ...
    async def add_source(self, event: SourceAttached) -> StoreResult: ...
    async def revise(self, event: AlertRevised) -> StoreResult: ...
    async def get(self, alert_id: str) -> StoredAlert | None: ...
    async def list_alerts(
        self,
        *,
        names: list[str] | None = None,
        types: list[ClaimType] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 50,
    ) -> list[StoredAlert]: ...
    async def actor_counts(self) -> list[ActorCount]: ...
    async def alerts_for_article(self, article_id: str) -> list[StoredAlert]: ...
    async def last_event_id(self) -> str: ...
    async def first_event_id(self) -> str | None: ...
    async def read_events(
        self, after: str, *, block_ms: int, count: int = 100
    ) -> list[LoggedEvent]: ...


class RedisAlertStore:
    def __init__(self, redis: Redis, keys: Keys, *, event_maxlen: int = 100_000) -> None:
        self._r = redis
        self._k = keys
        self._maxlen = event_maxlen
        self._raise = redis.register_script(RAISE)
        self._attach = redis.register_script(ATTACH)
        self._revise = redis.register_script(REVISE)

    async def add_raised(self, event: AlertRaised) -> StoreResult:
        alert, k = event.alert, self._k
        first = alert.first_source
        when = first.published_at or event.occurred_at
        record = json.dumps(
            {"alert": alert.model_dump(mode="json"), "raised_at": event.occurred_at.isoformat()}
        )
        reply = await self._raise(
            keys=[
                *self._report_keys(alert.alert_id, first, alert.type),
                k.timeline(),
                k.actor_timeline(alert.actor),
                k.speaker_timeline(alert.speaker),
                k.actor_counts(),
            ],
            args=[
                *self._report_args(alert.alert_id, first, event),
                record,
                _score(when),
                alert.actor,
            ],
        )
        return _result(reply)

    async def add_source(self, event: SourceAttached) -> StoreResult:
        reply = await self._attach(
            keys=self._report_keys(event.alert_id, event.source, event.type),
            args=self._report_args(event.alert_id, event.source, event),
        )
        return _result(reply)

    async def revise(self, event: AlertRevised) -> StoreResult:
        alert, k = event.alert, self._k
        stored = await self.get(alert.alert_id)
        if stored is None:
            return StoreResult("orphan")
        first = alert.first_source
        when = first.published_at or event.occurred_at
        # The old speaker's timeline loses the alert only when the speaker changes.
        old_speaker = (
            stored.speaker if stored.speaker.casefold() != alert.speaker.casefold() else ""
        )
        reply = await self._revise(
            keys=[
                *self._report_keys(alert.alert_id, first, alert.type),
                k.timeline(),
                k.actor_timeline(alert.actor),
                k.speaker_timeline(alert.speaker),
                k.speaker_timeline(old_speaker),
            ],
            args=[
                *self._report_args(alert.alert_id, first, event),
                alert.model_dump_json(),
                _score(when),
            ],
        )
        return _result(reply)

    def _report_keys(self, alert_id: str, source: AlertSource, claim_type: ClaimType) -> list[str]:
        """The keys every script starts with, in the order alert_store_scripts lists them."""
        k = self._k
        return [
            k.alert(alert_id),
            k.alert_sources(alert_id),
            k.alert_source_order(alert_id),
            k.article_alerts(source.article_id),
            k.events(),
            k.report_owner(report_key(source, claim_type)),
        ]

    def _report_args(self, alert_id: str, source: AlertSource, event: Event) -> list[str | int]:
        """The arguments every script starts with, in the order alert_store_scripts lists them."""
        return [
            alert_id,
            source_key(source),
            source.model_dump_json(),
            self._maxlen,
            event.model_dump_json(),
        ]

    async def get(self, alert_id: str) -> StoredAlert | None:
        found = await self._get_many([alert_id])
        return found[0] if found else None

    async def _get_many(self, alert_ids: list[str]) -> list[StoredAlert]:
        if not alert_ids:
            return []
        pipe = self._r.pipeline(transaction=False)
        for alert_id in alert_ids:
            pipe.get(self._k.alert(alert_id))
            pipe.lrange(self._k.alert_source_order(alert_id), 0, -1)
            pipe.hgetall(self._k.alert_sources(alert_id))
        replies = await pipe.execute()
        alerts = []
        for i in range(0, len(replies), 3):
            record, order, sources = replies[i : i + 3]
            if record is None:
                continue
            data = json.loads(record)
            listed = [AlertSource.model_validate_json(sources[key]) for key in _unique(order)]
            alert = Alert.model_validate(data["alert"])
            alerts.append(StoredAlert(**dict(alert), raised_at=data["raised_at"], sources=listed))
        return alerts

    async def list_alerts(
        self,
        *,
        names: list[str] | None = None,
        types: list[ClaimType] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 50,
    ) -> list[StoredAlert]:
        """Newest first. `names`: an actor (canonical) or speaker name; any of them matches."""
        lo = _score(since) if since else "-inf"
        hi = _score(until) if until else "+inf"
        zkeys = [self._k.timeline()]
        if names:
            zkeys = [self._k.actor_timeline(n) for n in names]
            zkeys += [self._k.speaker_timeline(n) for n in names]
        # Over-fetch when filtering by type so that `limit` still fills after filtering.
        fetch = limit if not types else limit * 10
        scored: dict[str, float] = {}
        for zkey in zkeys:
            rows: Any = await self._r.zrevrangebyscore(
                zkey, hi, lo, start=0, num=fetch, withscores=True
            )
            for member, score in rows:
                scored[_text(member)] = float(score)
        ordered = sorted(scored, key=lambda m: scored[m], reverse=True)
        alerts = await self._get_many(ordered)
        if types:
            alerts = [a for a in alerts if a.type in types]
        return alerts[:limit]

    async def actor_counts(self) -> list[ActorCount]:
        counts: Any = await self._r.hgetall(self._k.actor_counts())
        rows = [ActorCount(actor=_text(a), alerts=int(n)) for a, n in counts.items()]
        return sorted(rows, key=lambda r: (-r.alerts, r.actor))

    async def alerts_for_article(self, article_id: str) -> list[StoredAlert]:
        members: Any = await self._r.smembers(self._k.article_alerts(article_id))
        ids = sorted(_text(m) for m in members)
        return await self._get_many(ids)

    async def last_event_id(self) -> str:
        newest: Any = await self._r.xrevrange(self._k.events(), count=1)
        return _text(newest[0][0]) if newest else "0-0"

    async def first_event_id(self) -> str | None:
        oldest: Any = await self._r.xrange(self._k.events(), count=1)
        return _text(oldest[0][0]) if oldest else None

    async def read_events(
        self, after: str, *, block_ms: int, count: int = 100
    ) -> list[LoggedEvent]:
        reply: Any = await self._r.xread({self._k.events(): after}, count=count, block=block_ms)
        events = []
        for _stream, entries in reply or []:
            for entry_id, fields in entries:
                f = {_text(k): _text(v) for k, v in fields.items()}
                events.append(
                    LoggedEvent(
                        id=_text(entry_id),
                        kind=f["kind"],
                        alert_id=f["alert_id"],
                        source_count=int(f.get("source_count", "0")),
                        data=json.loads(f["data"]),
                    )
                )
        return events


def _result(reply: list[Any]) -> StoreResult:
    outcome = _text(reply[0])
    event_id = _text(reply[1]) if len(reply) > 1 else None
    if outcome not in ("new", "duplicate", "orphan", "claimed"):
        raise ValueError(f"unexpected store reply {reply!r}")
    return StoreResult(outcome=outcome, event_id=event_id)  # type: ignore[arg-type]


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _unique(items: list[bytes]) -> list[bytes]:
    return list(dict.fromkeys(items))

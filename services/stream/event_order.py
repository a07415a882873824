"""Event time of a report, and a per-actor reorder buffer that releases claims in that order (pure).

Which report of an act is first decides the alert's id and first source, so it must follow
when the reports happened, not the order a worker happened to process them: articles are
consumed from several partitions at once. Event time is the article's publication date, then
the order it was ingested in, then where the sentence sits in the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Generic, TypeVar

from schemas.claims import Claim

T = TypeVar("T")
# (published or ingested, ingested, article id, title before text, offset in the field)
OrderKey = tuple[float, float, str, int, int]


def order_key(claim: Claim, *, published: datetime | None, ingested: datetime | None) -> OrderKey:
    """Sort key of a report in event time. Undated articles count from when they were ingested."""
    ingest_ts = _utc(ingested).timestamp() if ingested else 0.0
    event_ts = _utc(published).timestamp() if published else ingest_ts
    field_rank = 0 if claim.span.field == "title" else 1
    return (event_ts, ingest_ts, claim.article_id, field_rank, claim.span.start)


@dataclass
class _Held(Generic[T]):
    key: OrderKey
    arrived: datetime
    item: T


@dataclass
class ReorderBuffer(Generic[T]):
    """Claims held per actor for `window`, then released in event-time order.

    When a claim has waited `window`, it goes with every held claim of its actor that is from
    its article or earlier in event time, sorted: reports of one actor that arrive less than
    `window` apart are decided in event order (an unpaced replay, several outlets at once),
    and no claim waits longer than `window`. A zero window releases every claim at once.
    """

    window: timedelta
    _held: dict[str, list[_Held[T]]] = field(default_factory=dict)

    def add(self, actor: str, key: OrderKey, item: T, *, now: datetime) -> None:
        self._held.setdefault(actor, []).append(_Held(key, now, item))

    def ripe(self, now: datetime, *, everything: bool = False) -> list[T]:
        """Items to decide now (every held one when `everything`), in event order per actor."""
        out: list[T] = []
        for actor in list(self._held):
            held = self._held[actor]
            waited = [_article(h) for h in held if everything or now - h.arrived >= self.window]
            if not waited:
                continue
            # Whole articles go together: their claims arrive at once, and a speaker's run in
            # an article is matched as one (novelty.peer_terms over what is released together).
            cutoff = max(waited)
            going = sorted((h for h in held if _article(h) <= cutoff), key=_key)
            out.extend(h.item for h in going)
            rest = [h for h in held if _article(h) > cutoff]
            if rest:
                self._held[actor] = rest
            else:
                del self._held[actor]
        return out

    def __len__(self) -> int:
        return sum(len(h) for h in self._held.values())


def _key(held: _Held[T]) -> OrderKey:
    return held.key


def _article(held: _Held[T]) -> tuple[float, float, str]:
    """The article part of an order key: its claims are contiguous in event order."""
    return held.key[:3]


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass
class AckOrder(Generic[T]):
    """Acks handed out in offset order per partition, whatever order claims are decided in.

    Faust commits up to the first offset not acked, except that it steps over ONE missing
    offset when the next is acked (its gap check, `min(acked) - committed > 1`): a claim held
    in the reorder buffer behind a later one already decided would be committed past, and lost
    on a crash. So a decided claim is acked only once every claim before it on its partition is.
    """

    _held: dict[object, list[tuple[int, T, bool]]] = field(default_factory=dict)

    def hold(self, partition: object, offset: int, item: T) -> None:
        self._held.setdefault(partition, []).append((offset, item, False))

    def done(self, partition: object, offset: int) -> list[T]:
        """Mark `offset` decided; return what may be acked now, in offset order."""
        held = self._held.get(partition, [])
        for i, (at, item, _) in enumerate(held):
            if at == offset:
                held[i] = (at, item, True)
        ready = []
        while held and held[0][2]:
            ready.append(held.pop(0)[1])
        if not held:
            self._held.pop(partition, None)
        return ready

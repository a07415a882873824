"""In-memory fakes of the alert service's ports, complete so that mypy checks them as such.

Each keeps what it was given in plain attributes for assertions; TTLs, streams and Lua atomicity
are Redis's business and are tested against the real one (tests/integration).
"""

from __future__ import annotations

from datetime import datetime

from schemas.alerts import AlertRaised, AlertRevised, SourceAttached
from schemas.claims import Claim, ClaimType
from schemas.subscriptions import Subscription, SubscriptionSpec
from services.alerts.articles import ArticleRecord, CachedArticle, claim_id
from services.alerts.delivery.webhooks import SendResult, WebhookPoster
from services.alerts.models import (
    ActorCount,
    DeadDelivery,
    DeliveryJob,
    DeliveryState,
    StoredAlert,
    source_key,
)
from services.alerts.redis.alert_store import AlertStore, LoggedEvent, StoreResult
from services.alerts.redis.article_store import ArticleStore
from services.alerts.redis.delivery_queue import DeliveryQueue, Message
from services.alerts.redis.subscription_store import SubscriptionStore

SECRET = "whsec_c2VjcmV0c2VjcmV0c2VjcmV0"


class FakeAlertStore:
    """Alerts by id; a report (source) is stored once per alert."""

    def __init__(self, *alerts: StoredAlert) -> None:
        self.alerts: dict[str, StoredAlert] = {a.alert_id: a for a in alerts}
        self.revised: list[AlertRevised] = []
        self.events: list[LoggedEvent] = []

    async def add_raised(self, event: AlertRaised) -> StoreResult:
        a = event.alert
        if a.alert_id in self.alerts:
            return StoreResult("duplicate")
        stored = StoredAlert(**dict(a), raised_at=event.occurred_at, sources=[a.first_source])
        self.alerts[a.alert_id] = stored
        return StoreResult("new", "1-0")

    async def add_source(self, event: SourceAttached) -> StoreResult:
        stored = self.alerts.get(event.alert_id)
        if stored is None:
            return StoreResult("orphan")
        if source_key(event.source) in {source_key(s) for s in stored.sources}:
            return StoreResult("duplicate")
        sources = [*stored.sources, event.source]
        self.alerts[event.alert_id] = stored.model_copy(update={"sources": sources})
        return StoreResult("new", "2-0")

    async def revise(self, event: AlertRevised) -> StoreResult:
        self.revised.append(event)
        return StoreResult("new", "3-0")

    async def get(self, alert_id: str) -> StoredAlert | None:
        return self.alerts.get(alert_id)

    async def list_alerts(
        self,
        *,
        names: list[str] | None = None,
        types: list[ClaimType] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 50,
    ) -> list[StoredAlert]:
        found = [
            a
            for a in self.alerts.values()
            if (names is None or a.actor in names)
            and (types is None or a.type in types)
            and (since is None or a.raised_at >= since)
            and (until is None or a.raised_at <= until)
        ]
        return sorted(found, key=lambda a: a.raised_at, reverse=True)[:limit]

    async def actor_counts(self) -> list[ActorCount]:
        counts: dict[str, int] = {}
        for a in self.alerts.values():
            counts[a.actor] = counts.get(a.actor, 0) + 1
        return [ActorCount(actor=actor, alerts=n) for actor, n in sorted(counts.items())]

    async def alerts_for_article(self, article_id: str) -> list[StoredAlert]:
        return [
            a for a in self.alerts.values() if any(s.article_id == article_id for s in a.sources)
        ]

    async def last_event_id(self) -> str:
        return self.events[-1].id if self.events else "0-0"

    async def first_event_id(self) -> str | None:
        return self.events[0].id if self.events else None

    async def read_events(
        self, after: str, *, block_ms: int, count: int = 100
    ) -> list[LoggedEvent]:
        ids = [e.id for e in self.events]
        start = ids.index(after) + 1 if after in ids else 0
        return self.events[start : start + count]


class ClaimedAlertStore(FakeAlertStore):
    """Every report already belongs to another alert (a replay read its actor differently)."""

    async def add_raised(self, event: AlertRaised) -> StoreResult:
        return StoreResult("claimed")

    async def add_source(self, event: SourceAttached) -> StoreResult:
        return StoreResult("claimed")


class FakeSubscriptionStore:
    """Subscriptions by id (`sub_<actor>`, as tests.support.factories.subscription names them)."""

    def __init__(self, *subs: Subscription) -> None:
        self.subs: dict[str, Subscription] = {s.id: s for s in subs}
        self.disabled: list[tuple[str, int]] = []

    async def create(self, spec: SubscriptionSpec, canonical: str) -> tuple[Subscription, str]:
        sub = Subscription(**dict(spec), id=f"sub_{spec.actor}", actor_canonical=canonical)
        self.subs[sub.id] = sub
        return sub, SECRET

    async def list(self) -> list[Subscription]:
        return list(self.subs.values())

    async def get(self, sub_id: str) -> Subscription | None:
        return self.subs.get(sub_id)

    async def replace(
        self, sub_id: str, spec: SubscriptionSpec, canonical: str
    ) -> Subscription | None:
        if sub_id not in self.subs:
            return None
        self.subs[sub_id] = Subscription(**dict(spec), id=sub_id, actor_canonical=canonical)
        return self.subs[sub_id]

    async def delete(self, sub_id: str) -> bool:
        return self.subs.pop(sub_id, None) is not None

    async def secret(self, sub_id: str) -> str | None:
        return SECRET if sub_id in self.subs else None

    async def disable_channel(self, sub_id: str, index: int) -> None:
        self.disabled.append((sub_id, index))
        sub = self.subs.get(sub_id)
        if sub is not None:
            disabled = sorted({*sub.disabled_channels, index})
            self.subs[sub_id] = sub.model_copy(update={"disabled_channels": disabled})


class FakeDeliveryQueue:
    """Jobs in a list, each outcome recorded in `calls` as (what, job)."""

    def __init__(self) -> None:
        self.jobs: list[DeliveryJob] = []
        self.ids: set[str] = set()
        self.fanned: set[str] = set()
        self.calls: list[tuple[str, object]] = []
        self.dead: dict[str, DeadDelivery] = {}
        self.states: dict[str, DeliveryState] = {}

    async def ensure_group(self) -> None:
        return None

    async def enqueue(self, job: DeliveryJob) -> bool:
        if job.delivery_id in self.ids:
            return False
        self.ids.add(job.delivery_id)
        self.jobs.append(job)
        return True

    async def is_fanned_out(self, event_key: str) -> bool:
        return event_key in self.fanned

    async def mark_fanned_out(self, event_key: str) -> None:
        self.fanned.add(event_key)

    async def read(self, consumer: str, *, count: int, block_ms: int) -> list[Message]:
        taken, self.jobs = self.jobs[:count], self.jobs[count:]
        return [(job.delivery_id, job) for job in taken]

    async def read_own_pending(self, consumer: str, *, count: int) -> list[Message]:
        return []

    async def reclaim(self, consumer: str, *, min_idle_ms: int, count: int) -> list[Message]:
        return []

    async def promote_due(self, *, limit: int = 100, now: datetime | None = None) -> int:
        return 0

    async def delivered(self, msg_id: str, job: DeliveryJob, status: int | None) -> None:
        self.calls.append(("delivered", job))

    async def dropped(self, msg_id: str, job: DeliveryJob, why: str) -> None:
        self.calls.append(("dropped:" + why, job))

    async def retry_at(
        self, msg_id: str, job: DeliveryJob, due: datetime, status: int | None, error: str
    ) -> None:
        self.calls.append(("retry", (job, due)))

    async def dead_letter(
        self, msg_id: str, job: DeliveryJob, status: int | None, error: str
    ) -> None:
        self.calls.append(("dead", job))
        self.dead[job.delivery_id] = DeadDelivery(job=job, error=error)

    async def discard(self, msg_id: str) -> None:
        self.calls.append(("discard", msg_id))

    async def dead_letters(self) -> list[DeadDelivery]:
        return list(self.dead.values())

    async def replay(self, delivery_id: str) -> bool:
        dead = self.dead.pop(delivery_id, None)
        if dead is None:
            return False
        self.jobs.append(dead.job.model_copy(update={"attempt": 0}))
        return True

    async def state(self, delivery_id: str) -> DeliveryState | None:
        return self.states.get(delivery_id)

    async def scheduled_count(self) -> int:
        return 0


class FakeArticleStore:
    """The article cache as plain dicts."""

    def __init__(self) -> None:
        self.records: dict[str, ArticleRecord] = {}
        self.claims: dict[str, dict[str, Claim]] = {}
        self.pins: list[str] = []

    async def put_article(self, record: ArticleRecord) -> None:
        self.records[record.article_id] = record

    async def put_claim(self, claim: Claim) -> None:
        self.claims.setdefault(claim.article_id, {})[claim_id(claim)] = claim

    async def pin(self, article_id: str) -> None:
        self.pins.append(article_id)

    async def get(self, article_id: str) -> CachedArticle | None:
        record, claims = self.records.get(article_id), self.claims.get(article_id, {})
        if record is None and not claims:
            return None
        return CachedArticle(record=record, claims=list(claims.values()))


class FakeWebhookPoster:
    """Answers every post with `result` and keeps the headers sent."""

    def __init__(self, result: SendResult) -> None:
        self.result = result
        self.headers: list[dict[str, str]] = []

    async def send(self, url: str, body: str, headers: dict[str, str]) -> SendResult:
        self.headers.append(headers)
        return self.result


def _ports_are_complete(
    alerts: FakeAlertStore,
    subs: FakeSubscriptionStore,
    queue: FakeDeliveryQueue,
    articles: FakeArticleStore,
    poster: FakeWebhookPoster,
) -> tuple[AlertStore, SubscriptionStore, DeliveryQueue, ArticleStore, WebhookPoster]:
    """Never called: mypy fails here if a fake stops matching its port."""
    return alerts, subs, queue, articles, poster

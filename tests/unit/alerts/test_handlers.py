"""handle_alert_event with fakes: one job per matching (subscription, channel), once."""

from __future__ import annotations

from typing import Any, cast

from alert_fakes import FakeArticleStore, make_alert, raised, resolve, subscription

from schemas.alerts import Alert, AlertRaised, AlertRevised, AlertSource, SourceAttached
from schemas.claims import ClaimType, Span
from schemas.subscriptions import Subscription
from services.alerts.handlers import event_key, handle_alert_event
from services.alerts.models import DeliveryJob, StoredAlert
from services.alerts.store import StoreResult, source_key


class FakeStore:
    def __init__(self) -> None:
        self.alerts: dict[str, StoredAlert] = {}
        self.revised: list[AlertRevised] = []

    async def add_raised(self, event: AlertRaised) -> StoreResult:
        a = event.alert
        if a.alert_id in self.alerts:
            return StoreResult("duplicate")
        self.alerts[a.alert_id] = StoredAlert(**dict(a), raised_at=event.occurred_at,
                                              sources=[a.first_source])  # fmt: skip
        return StoreResult("new", "1-0")

    async def add_source(self, event: SourceAttached) -> StoreResult:
        stored = self.alerts.get(event.alert_id)
        if stored is None:
            return StoreResult("orphan")
        if source_key(event.source) in {source_key(s) for s in stored.sources}:
            return StoreResult("duplicate")
        self.alerts[event.alert_id] = stored.model_copy(
            update={"sources": [*stored.sources, event.source]}
        )
        return StoreResult("new", "2-0")

    async def revise(self, event: AlertRevised) -> StoreResult:
        self.revised.append(event)
        return StoreResult("new", "3-0")

    async def get(self, alert_id: str) -> StoredAlert | None:
        return self.alerts.get(alert_id)


class ClaimedStore(FakeStore):
    """Every report already belongs to another alert (a replay read its actor differently)."""

    async def add_raised(self, event: AlertRaised) -> StoreResult:
        return StoreResult("claimed")

    async def add_source(self, event: SourceAttached) -> StoreResult:
        return StoreResult("claimed")


class FakeQueue:
    def __init__(self) -> None:
        self.jobs: list[DeliveryJob] = []
        self.ids: set[str] = set()
        self.fanned: set[str] = set()

    async def enqueue(self, job: DeliveryJob) -> bool:
        if job.delivery_id in self.ids:
            return False
        self.ids.add(job.delivery_id)
        self.jobs.append(job)
        return True

    async def is_fanned_out(self, key: str) -> bool:
        return key in self.fanned

    async def mark_fanned_out(self, key: str) -> None:
        self.fanned.add(key)


class FakeSubs:
    def __init__(self, *subs: Subscription) -> None:
        self.subs = list(subs)

    async def list(self) -> list[Subscription]:
        return self.subs


async def handle(event: Any, store: FakeStore, queue: FakeQueue, subs: FakeSubs) -> StoreResult:
    return await handle_alert_event(
        event, store=cast(Any, store), subscriptions=cast(Any, subs), queue=cast(Any, queue),
        resolve=resolve,
    )  # fmt: skip


def two_channel_sub(actor: str, **spec: Any) -> Subscription:
    sub = subscription(actor, **spec)
    channels = [*sub.channels, {"kind": "webhook", "url": "https://other.example.org/y"}]
    return Subscription.model_validate({**sub.model_dump(), "channels": channels})


async def test_one_job_per_matching_channel_and_none_for_others() -> None:
    store, queue = FakeStore(), FakeQueue()
    kremlin, china = two_channel_sub("Kremlin"), subscription("China")
    result = await handle(raised(), store, queue, FakeSubs(kremlin, china))
    assert result.new
    assert [(j.subscription_id, j.channel_index) for j in queue.jobs] == [
        (kremlin.id, 0), (kremlin.id, 1),
    ]  # fmt: skip
    assert all(j.kind == "raised" and j.alert_id == "al_1" for j in queue.jobs)


async def test_disabled_channels_get_nothing() -> None:
    store, queue = FakeStore(), FakeQueue()
    sub = two_channel_sub("Russia").model_copy(update={"disabled_channels": [0]})
    await handle(raised(), store, queue, FakeSubs(sub))
    assert [j.channel_index for j in queue.jobs] == [1]


async def test_redelivered_event_enqueues_nothing_new() -> None:
    store, queue, subs = FakeStore(), FakeQueue(), FakeSubs(subscription("Russia"))
    event = raised()
    await handle(event, store, queue, subs)
    again = await handle(event, store, queue, subs)
    assert again.outcome == "duplicate" and len(queue.jobs) == 1


async def test_duplicate_without_fan_out_marker_is_fanned_out() -> None:
    store, queue, subs = FakeStore(), FakeQueue(), FakeSubs(subscription("Russia"))
    event = raised()
    await store.add_raised(event)  # stored, then the process died before enqueuing
    await handle(event, store, queue, subs)
    assert len(queue.jobs) == 1 and event_key(event) in queue.fanned


def _attached(alert: Alert, article_id: str) -> SourceAttached:
    sentence = "Moscow again denied asking China for military equipment."
    source = AlertSource(article_id=article_id, speaker=alert.speaker, sentence=sentence,
                         span=Span(start=0, end=len(sentence)))  # fmt: skip
    return SourceAttached(alert_id=alert.alert_id, actor=alert.actor, type=ClaimType.DENIAL,
                          source=source)  # fmt: skip


async def test_further_reports_reach_only_update_subscribers_once() -> None:
    store, queue = FakeStore(), FakeQueue()
    quiet, updates = subscription("Russia"), subscription("Moscow", include_updates=True)
    subs = FakeSubs(quiet, updates)
    await handle(raised(), store, queue, subs)
    update = _attached(make_alert(), "art_2")
    await handle(update, store, queue, subs)
    await handle(update, store, queue, subs)
    further = [j for j in queue.jobs if j.kind == "source_attached"]
    assert [j.subscription_id for j in further] == [updates.id]
    assert '"source":' in further[0].payload and "art_2" in further[0].payload


async def test_source_for_an_unknown_alert_notifies_nobody() -> None:
    store, queue = FakeStore(), FakeQueue()
    result = await handle(_attached(make_alert(), "art_3"), store, queue,
                          FakeSubs(subscription("Russia", include_updates=True)))  # fmt: skip
    assert result.outcome == "orphan" and queue.jobs == []


async def test_the_article_an_alert_event_cites_is_pinned_every_time() -> None:
    store, queue, subs, articles = FakeStore(), FakeQueue(), FakeSubs(), FakeArticleStore()

    async def run(event: AlertRaised | SourceAttached) -> StoreResult:
        return await handle_alert_event(
            event, store=cast(Any, store), subscriptions=cast(Any, subs),
            queue=cast(Any, queue), resolve=resolve, articles=articles,
        )  # fmt: skip

    first = raised()
    await run(first)
    duplicate = await run(first)  # redelivered: pinning again is harmless, and still done
    await run(_attached(make_alert(), "art_2"))
    assert duplicate.outcome == "duplicate"
    assert articles.pins == ["art_1", "art_1", "art_2"]


async def test_a_revised_first_source_is_stored_and_notifies_nobody_again() -> None:
    store, queue = FakeStore(), FakeQueue()
    subs = FakeSubs(subscription("Russia", include_updates=True))
    await handle(raised(), store, queue, subs)
    before = len(queue.jobs)
    revision = AlertRevised(alert=make_alert(sentence="Moscow denied asking China for arms."))
    result = await handle(revision, store, queue, subs)
    assert result.new and store.revised == [revision]
    assert len(queue.jobs) == before == 1


async def test_a_report_owned_by_another_alert_notifies_nobody() -> None:
    store, queue = ClaimedStore(), FakeQueue()
    subs = FakeSubs(subscription("Russia", include_updates=True))
    assert (await handle(raised(), store, queue, subs)).outcome == "claimed"
    assert (await handle(_attached(make_alert(), "art_2"), store, queue, subs)).outcome == "claimed"
    assert queue.jobs == [] and queue.fanned == set()

"""handle_alert_event with fakes: one job per matching (subscription, channel), once."""

from __future__ import annotations

from typing import Any

from schemas.alerts import (
    Alert,
    AlertRaised,
    AlertRevised,
    AlertSource,
    AnyAlertEvent,
    SourceAttached,
)
from schemas.claims import ClaimType, Span
from schemas.subscriptions import Subscription
from services.alerts.handlers import event_key, handle_alert_event
from services.alerts.redis.alert_store import StoreResult
from tests.support.alert_fakes import (
    ClaimedAlertStore,
    FakeAlertStore,
    FakeArticleStore,
    FakeDeliveryQueue,
    FakeSubscriptionStore,
)
from tests.support.factories import make_alert, raised, resolve, subscription


async def handle(
    event: AnyAlertEvent,
    store: FakeAlertStore,
    queue: FakeDeliveryQueue,
    subs: FakeSubscriptionStore,
) -> StoreResult:
    return await handle_alert_event(
        event, store=store, subscriptions=subs, queue=queue, resolve=resolve
    )


def two_channel_sub(actor: str, **spec: Any) -> Subscription:
    sub = subscription(actor, **spec)
    channels = [*sub.channels, {"kind": "webhook", "url": "https://other.example.org/y"}]
    return Subscription.model_validate({**sub.model_dump(), "channels": channels})


async def test_one_job_per_matching_channel_and_none_for_others() -> None:
    store, queue = FakeAlertStore(), FakeDeliveryQueue()
    kremlin, china = two_channel_sub("Kremlin"), subscription("China")
    result = await handle(raised(), store, queue, FakeSubscriptionStore(kremlin, china))
    assert result.new
    assert [(j.subscription_id, j.channel_index) for j in queue.jobs] == [
        (kremlin.id, 0), (kremlin.id, 1),
    ]  # fmt: skip
    assert all(j.kind == "raised" and j.alert_id == "al_1" for j in queue.jobs)


async def test_disabled_channels_get_nothing() -> None:
    store, queue = FakeAlertStore(), FakeDeliveryQueue()
    sub = two_channel_sub("Russia").model_copy(update={"disabled_channels": [0]})
    await handle(raised(), store, queue, FakeSubscriptionStore(sub))
    assert [j.channel_index for j in queue.jobs] == [1]


async def test_redelivered_event_enqueues_nothing_new() -> None:
    store, queue, subs = (
        FakeAlertStore(),
        FakeDeliveryQueue(),
        FakeSubscriptionStore(subscription("Russia")),
    )
    event = raised()
    await handle(event, store, queue, subs)
    again = await handle(event, store, queue, subs)
    assert again.outcome == "duplicate" and len(queue.jobs) == 1


async def test_duplicate_without_fan_out_marker_is_fanned_out() -> None:
    store, queue, subs = (
        FakeAlertStore(),
        FakeDeliveryQueue(),
        FakeSubscriptionStore(subscription("Russia")),
    )
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
    store, queue = FakeAlertStore(), FakeDeliveryQueue()
    quiet, updates = subscription("Russia"), subscription("Moscow", include_updates=True)
    subs = FakeSubscriptionStore(quiet, updates)
    await handle(raised(), store, queue, subs)
    update = _attached(make_alert(), "art_2")
    await handle(update, store, queue, subs)
    await handle(update, store, queue, subs)
    further = [j for j in queue.jobs if j.kind == "source_attached"]
    assert [j.subscription_id for j in further] == [updates.id]
    assert '"source":' in further[0].payload and "art_2" in further[0].payload


async def test_source_for_an_unknown_alert_notifies_nobody() -> None:
    store, queue = FakeAlertStore(), FakeDeliveryQueue()
    subs = FakeSubscriptionStore(subscription("Russia", include_updates=True))
    result = await handle(_attached(make_alert(), "art_3"), store, queue, subs)
    assert result.outcome == "orphan" and queue.jobs == []


async def test_the_article_an_alert_event_cites_is_pinned_every_time() -> None:
    store, queue, subs, articles = (
        FakeAlertStore(),
        FakeDeliveryQueue(),
        FakeSubscriptionStore(),
        FakeArticleStore(),
    )

    async def run(event: AlertRaised | SourceAttached) -> StoreResult:
        return await handle_alert_event(
            event, store=store, subscriptions=subs, queue=queue, resolve=resolve, articles=articles
        )

    first = raised()
    await run(first)
    duplicate = await run(first)  # redelivered: pinning again is harmless, and still done
    await run(_attached(make_alert(), "art_2"))
    assert duplicate.outcome == "duplicate"
    assert articles.pins == ["art_1", "art_1", "art_2"]


async def test_a_revised_first_source_is_stored_and_notifies_nobody_again() -> None:
    store, queue = FakeAlertStore(), FakeDeliveryQueue()
    subs = FakeSubscriptionStore(subscription("Russia", include_updates=True))
    await handle(raised(), store, queue, subs)
    before = len(queue.jobs)
    revision = AlertRevised(alert=make_alert(sentence="Moscow denied asking China for arms."))
    result = await handle(revision, store, queue, subs)
    assert result.new and store.revised == [revision]
    assert len(queue.jobs) == before == 1


async def test_a_report_owned_by_another_alert_notifies_nobody() -> None:
    store, queue = ClaimedAlertStore(), FakeDeliveryQueue()
    subs = FakeSubscriptionStore(subscription("Russia", include_updates=True))
    assert (await handle(raised(), store, queue, subs)).outcome == "claimed"
    assert (await handle(_attached(make_alert(), "art_2"), store, queue, subs)).outcome == "claimed"
    assert queue.jobs == [] and queue.fanned == set()

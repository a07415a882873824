"""Against real Kafka and Redis: idempotent storing, dead letters, at-least-once consumption."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest
from redis.asyncio import Redis

from schemas.dead_letters import DeadLetter
from schemas.subscriptions import SubscriptionSpec
from services.alerts.bootstrap import alerts_consumer as make_consumer
from services.alerts.bootstrap import build_components
from services.alerts.components import Components
from services.alerts.handlers import handle_alert_event
from services.alerts.kafka.alert_consumer import AlertConsumer
from services.alerts.redis.keys import Keys
from services.alerts.settings import Settings
from services.common.kafka import decode, ensure_topics, make_producer
from services.common.settings import KafkaSettings, RedisSettings
from tests.support.alerts_support import alert_settings, attached, publish, raised, resolve
from tests.support.polling import eventually


@pytest.fixture
def settings(
    kafka_settings: KafkaSettings,
    redis_settings: RedisSettings,
    unique_topic: Callable[..., str],
    unique_group: Callable[..., str],
) -> Settings:
    return alert_settings(
        kafka_settings, redis_settings, alerts_topic=unique_topic("alerts"),
        dead_topic=unique_topic("dead-letters"), group=unique_group(),
    )  # fmt: skip


@pytest.fixture
async def comp(settings: Settings) -> AsyncIterator[Components]:
    redis = Redis.from_url(settings.redis.url)
    components = build_components(settings, redis, resolve=resolve)
    await components.queue.ensure_group()
    yield components
    await redis.aclose()


async def consume_all(settings: Settings, comp: Components, group: str, expect: int) -> int:
    """Run the real consumer under `group` until it has handled `expect` records."""
    handled = 0

    async def handle(event: object) -> object:
        nonlocal handled
        handled += 1
        return await handle_alert_event(
            event, store=comp.store, subscriptions=comp.subscriptions,  # type: ignore[arg-type]
            queue=comp.queue, resolve=comp.resolve,
        )  # fmt: skip

    consumer = make_consumer(settings.model_copy(update={"consumer_group": group}))
    producer = make_producer(settings.kafka)
    await producer.start()
    await consumer.start()
    task = asyncio.create_task(
        AlertConsumer(consumer, producer, handle=handle,
                      dead_letters_topic=settings.topics.dead_letters).run()
    )  # fmt: skip
    try:
        await eventually(lambda: _ge(lambda: handled, expect), timeout=60)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await consumer.stop()
        await producer.stop()
    return handled


async def _ge(value: Callable[[], int], want: int) -> bool:
    return value() >= want


async def test_alerts_consumed_twice_are_stored_and_notified_once(
    settings: Settings, comp: Components, read_topic, unique_group: Callable[..., str]
) -> None:
    await ensure_topics(settings.kafka, [settings.topics.alerts, settings.topics.dead_letters], 1)
    spec = SubscriptionSpec(actor="Kremlin", include_updates=True,
                            channels=[{"kind": "webhook", "url": "http://127.0.0.1:9/hook"}])  # type: ignore[list-item]  # fmt: skip
    await comp.subscriptions.create(spec, "Russia")
    first, update = raised("al-russia-1"), attached("al-russia-1", "art-2")
    # Each event twice on the topic, as a producer retry or a re-emitting worker would do.
    await publish(settings.kafka, settings.topics.alerts, first, first, update, update,
                  b"not json at all")  # fmt: skip
    await consume_all(settings, comp, unique_group(), expect=4)
    # A second group reads the whole topic again (a replay): still nothing new.
    await consume_all(settings, comp, unique_group(), expect=4)

    stored = await comp.store.list_alerts(names=["Russia"])
    assert [a.alert_id for a in stored] == ["al-russia-1"]
    assert [s.article_id for s in stored[0].sources] == ["art-1", "art-2"]
    assert [(a.actor, a.alerts) for a in await comp.store.actor_counts()] == [("Russia", 1)]
    events = await comp.store.read_events("0-0", block_ms=1)
    assert [e.kind for e in events] == ["raised", "source_attached"]
    redis = comp.redis
    keys = Keys(settings.redis.key_prefix)
    assert await redis.xlen(keys.delivery_queue()) == 2  # one raised + one update, not four

    dead = await read_topic(settings.topics.dead_letters, 1)
    letter = decode(DeadLetter, dead[0].value)
    assert letter.raw_bytes() == b"not json at all" and letter.stage == "store_alert"


async def test_crash_between_store_and_enqueue_is_repaired_by_redelivery(
    comp: Components,
) -> None:
    spec = SubscriptionSpec(actor="Russia",
                            channels=[{"kind": "webhook", "url": "http://127.0.0.1:9/hook"}])  # type: ignore[list-item]  # fmt: skip
    await comp.subscriptions.create(spec, "Russia")
    event = raised("al-crash-1")
    await comp.store.add_raised(event)  # stored, then "crashed" before enqueueing
    result = await handle_alert_event(
        event, store=comp.store, subscriptions=comp.subscriptions, queue=comp.queue,
        resolve=resolve,
    )  # fmt: skip
    assert result.outcome == "duplicate"
    assert len(await comp.queue.read("c1", count=10, block_ms=1)) == 1
    again = await handle_alert_event(
        event, store=comp.store, subscriptions=comp.subscriptions, queue=comp.queue,
        resolve=resolve,
    )  # fmt: skip
    assert again.outcome == "duplicate"
    assert await comp.queue.read("c1", count=10, block_ms=1) == []


async def test_alerts_api_filters_by_alias_type_and_speaker(comp: Components) -> None:
    from schemas.claims import ClaimType

    await comp.store.add_raised(raised("al-r1"))
    await comp.store.add_raised(raised("al-r2", type=ClaimType.WARNING))
    await comp.store.add_raised(raised("al-c1", actor="China", speaker="Zhao Lijian"))
    assert {a.alert_id for a in await comp.store.list_alerts(names=["Russia"])} == {
        "al-r1",
        "al-r2",
    }
    warnings = await comp.store.list_alerts(names=["Russia"], types=[ClaimType.WARNING])
    assert [a.alert_id for a in warnings] == ["al-r2"]
    assert [a.alert_id for a in await comp.store.list_alerts(names=["Zhao Lijian"])] == ["al-c1"]
    assert len(await comp.store.list_alerts()) == 3
    assert [c.alert_id for c in await comp.store.alerts_for_article("art-1")] == sorted(
        ["al-r1", "al-r2", "al-c1"]
    )

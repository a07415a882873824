"""What the service does with one event from `alerts`: store it, then enqueue its notifications."""

from __future__ import annotations

import logging

from schemas.alerts import Alert, AlertRaised, AlertRevised, AnyAlertEvent, SourceAttached
from schemas.subscriptions import Subscription
from services.alerts.matching import Resolve, matching
from services.alerts.metrics import ALERT_EVENTS
from services.alerts.models import DeliveryJob, source_key, webhook_id
from services.alerts.notification import notification
from services.alerts.redis.alert_store import AlertStore, StoreResult
from services.alerts.redis.article_store import ArticleStore
from services.alerts.redis.delivery_queue import DeliveryQueue
from services.alerts.redis.subscription_store import SubscriptionStore

log = logging.getLogger(__name__)


def event_key(event: AlertRaised | SourceAttached) -> str:
    """What the event is about, independent of its event_id: a re-emitted event is the same."""
    if isinstance(event, AlertRaised):
        return f"raised:{event.alert.alert_id}"
    return f"source:{event.alert_id}:{source_key(event.source)}"


def cited_article(event: AnyAlertEvent) -> str:
    source = event.source if isinstance(event, SourceAttached) else event.alert.first_source
    return source.article_id


def jobs_for(
    event: AlertRaised | SourceAttached, alert: Alert, subs: list[Subscription]
) -> list[DeliveryJob]:
    key, told = event_key(event), notification(event, alert)
    return [
        DeliveryJob(
            delivery_id=webhook_id(key, sub.id, index),
            subscription_id=sub.id,
            channel_index=index,
            kind=event.kind,
            alert_id=alert.alert_id,
            notification=told,
        )
        for sub in subs
        for index in range(len(sub.channels))
        if index not in sub.disabled_channels
    ]


async def handle_alert_event(
    event: AnyAlertEvent,
    *,
    store: AlertStore,
    subscriptions: SubscriptionStore,
    queue: DeliveryQueue,
    resolve: Resolve,
    articles: ArticleStore | None = None,
) -> StoreResult:
    """Idempotent: run twice on one event, it stores once and enqueues each delivery once.

    A duplicate is still fanned out when the first run crashed between storing and enqueuing
    (no fan-out marker yet): Kafka redelivers exactly then, because we commit only after this.
    The article the event cites is kept (`articles.pin`) first, on every run: pinning again
    is harmless, and a crash after it cannot leave a stored alert with an expiring article.
    """
    if articles is not None:
        await articles.pin(cited_article(event))
    if isinstance(event, AlertRevised):
        # An older report took the first place: subscribers heard of this act already.
        result = await store.revise(event)
        ALERT_EVENTS.labels(event.kind, result.outcome).inc()
        return result
    if isinstance(event, AlertRaised):
        result = await store.add_raised(event)
        alert: Alert | None = event.alert
    else:
        result = await store.add_source(event)
        alert = await store.get(event.alert_id) if result.outcome != "orphan" else None
    ALERT_EVENTS.labels(event.kind, result.outcome).inc()
    key = event_key(event)
    if result.outcome == "claimed":  # the report is another alert's: nothing to tell anyone
        return result
    if alert is None or (not result.new and await queue.is_fanned_out(key)):
        return result
    subs = matching(await subscriptions.list(), event, resolve, alert=alert)
    for job in jobs_for(event, alert, subs):
        await queue.enqueue(job)
    await queue.mark_fanned_out(key)
    log.info(
        "alert event %s: %s, %d subscriptions",
        event.kind, result.outcome, len(subs), extra={"alert_id": alert.alert_id},
    )  # fmt: skip
    return result

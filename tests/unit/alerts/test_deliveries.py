"""Delivery outcomes: 2xx acks, 5xx retries with backoff, 429 honours Retry-After, 410 disables,
exhausted attempts and refused URLs are dead-lettered; the webhook-id never changes."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from services.alerts.delivery.webhooks import SendResult
from services.alerts.delivery.worker import DeliveryWorker
from services.alerts.models import DeliveryJob
from services.alerts.notification import notification
from services.alerts.settings import DeliverySettings, RetrySettings
from tests.support.alert_fakes import FakeDeliveryQueue, FakeSubscriptionStore, FakeWebhookPoster
from tests.support.factories import make_alert, raised, subscription

TOLD = notification(raised(), make_alert())


async def _no_apprise(url: str, title: str, body: str) -> SendResult:
    raise AssertionError("no apprise channel here")


def run(result: SendResult, *, attempt: int = 0, max_attempts: int = 3):  # type: ignore[no-untyped-def]
    sub = subscription("Russia")
    queue, subs, sender = FakeDeliveryQueue(), FakeSubscriptionStore(sub), FakeWebhookPoster(result)
    worker = DeliveryWorker(
        queue=queue,
        subscriptions=subs,
        webhooks=sender,
        apprise=_no_apprise,
        settings=DeliverySettings(retry=RetrySettings(base_seconds=10, max_attempts=max_attempts)),
    )
    job = DeliveryJob(
        delivery_id="msg_abc",
        subscription_id=sub.id,
        channel_index=0,
        kind="raised",
        alert_id="al_1",
        notification=TOLD,
        attempt=attempt,
    )
    return worker, job, queue, subs, sender


async def test_2xx_is_delivered_with_the_job_id_as_webhook_id() -> None:
    worker, job, queue, _, sender = run(SendResult(ok=True, status=204))
    assert await worker.process("1-0", job) == "delivered"
    assert queue.calls[0][0] == "delivered" and queue.calls[0][1].attempt == 1
    assert sender.headers[0]["webhook-id"] == "msg_abc"


async def test_5xx_schedules_a_retry_within_the_backoff_ceiling() -> None:
    worker, job, queue, *_ = run(SendResult(ok=False, status=500, error="HTTP 500"), attempt=1)
    before = datetime.now(UTC)
    assert await worker.process("1-0", job) == "retrying"
    kind, (retried, due) = queue.calls[0]
    assert kind == "retry" and retried.attempt == 2 and retried.delivery_id == "msg_abc"
    assert 0 <= (due - before).total_seconds() <= 30 + 1  # ceiling after attempt 2: 10 * 3


async def test_429_waits_at_least_retry_after() -> None:
    result = SendResult(ok=False, status=429, retry_after=900, error="HTTP 429")
    worker, job, queue, *_ = run(result)
    before = datetime.now(UTC)
    await worker.process("1-0", job)
    _, (_, due) = queue.calls[0]
    assert (due - before).total_seconds() >= 899


async def test_exhausted_attempts_are_dead_lettered() -> None:
    worker, job, queue, *_ = run(SendResult(ok=False, status=503), attempt=2, max_attempts=3)
    assert await worker.process("1-0", job) == "dead"
    assert queue.calls[0][0] == "dead" and queue.calls[0][1].attempt == 3


async def test_410_disables_the_channel() -> None:
    worker, job, queue, subs, _ = run(SendResult(ok=False, status=410, permanent=True))
    assert await worker.process("1-0", job) == "disabled"
    assert subs.disabled == [(job.subscription_id, 0)] and queue.calls[0][0] == "dropped:disabled"


async def test_refused_url_is_dead_lettered_without_retrying() -> None:
    result = SendResult(ok=False, error="refused: 127.0.0.1 is loopback", permanent=True)
    worker, job, queue, *_ = run(result)
    assert await worker.process("1-0", job) == "dead"
    assert [kind for kind, _ in queue.calls] == ["dead"]


async def test_deleted_subscription_drops_the_delivery() -> None:
    worker, job, queue, *_ = run(SendResult(ok=True, status=200))
    gone = job.model_copy(update={"subscription_id": "sub_gone"})
    assert await worker.process("1-0", gone) == "dropped"
    assert [kind for kind, _ in queue.calls] == ["dropped:subscription deleted"]


async def test_a_retry_log_says_why(caplog: pytest.LogCaptureFixture) -> None:
    error = "ConnectError: All connection attempts failed"
    worker, job, *_ = run(SendResult(ok=False, error=error))
    with caplog.at_level(logging.INFO, logger="services.alerts.delivery.worker"):
        assert await worker.process("1-0", job) == "retrying"
    [record] = [r for r in caplog.records if r.getMessage() == "delivery retrying"]
    assert record.reason == error  # type: ignore[attr-defined]

"""Delivery workers: send a job through its channel; then ack, retry, disable or dead-letter."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from redis.exceptions import RedisError

from schemas.subscriptions import AppriseChannel, WebhookChannel
from services.alerts.cancel import reraise_if_cancelling
from services.alerts.delivery.backoff import retry_delay
from services.alerts.delivery.webhooks import SendResult, WebhookPoster, signed_headers
from services.alerts.metrics import DELIVERIES, DELIVERY_SECONDS
from services.alerts.models import DeliveryJob
from services.alerts.notification import apprise_text
from services.alerts.redis.delivery_queue import DeliveryQueue
from services.alerts.redis.subscription_store import SubscriptionStore
from services.alerts.settings import DeliverySettings

log = logging.getLogger(__name__)

AppriseSend = Callable[[str, str, str], Awaitable[SendResult]]


class DeliveryWorker:
    def __init__(
        self,
        *,
        queue: DeliveryQueue,
        subscriptions: SubscriptionStore,
        webhooks: WebhookPoster,
        apprise: AppriseSend,
        settings: DeliverySettings,
    ) -> None:
        self._queue = queue
        self._subs = subscriptions
        self._webhooks = webhooks
        self._apprise = apprise
        self._settings = settings

    async def process(self, msg_id: str, job: DeliveryJob | None) -> str:
        """Handle one queued message; returns the outcome (for logs, metrics and tests)."""
        if job is None:
            await self._queue.discard(msg_id)
            return "undecodable"
        sub = await self._subs.get(job.subscription_id)
        if sub is None or job.channel_index >= len(sub.channels):
            await self._queue.dropped(msg_id, job, "subscription deleted")
            return "dropped"
        if job.channel_index in sub.disabled_channels:
            await self._queue.dropped(msg_id, job, "disabled")
            return "disabled"
        channel = sub.channels[job.channel_index]
        started = time.perf_counter()
        if isinstance(channel, WebhookChannel):
            kind = "webhook"
            secret = await self._subs.secret(sub.id)
            if secret is None:
                await self._queue.dropped(msg_id, job, "subscription deleted")
                return "dropped"
            headers = signed_headers(secret, job.delivery_id, job.payload)
            result = await self._webhooks.send(str(channel.url), job.payload, headers)
        else:
            assert isinstance(channel, AppriseChannel)
            kind = "apprise"
            title, body = apprise_text(job.notification)
            result = await self._apprise(channel.url.get_secret_value(), title, body)
        DELIVERY_SECONDS.labels(kind).observe(time.perf_counter() - started)
        outcome = await self._settle(msg_id, job, result, sub.id)
        DELIVERIES.labels(kind, outcome).inc()
        # Why it failed, for retries and dead letters: the receiver's status or the transport
        # error (never the URL, which may carry a token, nor the body).
        why = {} if result.ok else {"reason": result.error or "failed"}
        log.info(
            "delivery %s", outcome,
            extra={"delivery_id": job.delivery_id, "alert_id": job.alert_id,
                   "subscription_id": sub.id, "status": result.status, **why},
        )  # fmt: skip
        return outcome

    async def _settle(self, msg_id: str, job: DeliveryJob, result: SendResult, sub_id: str) -> str:
        done = job.model_copy(update={"attempt": job.attempt + 1})
        if result.ok:
            await self._queue.delivered(msg_id, done, result.status)
            return "delivered"
        error = result.error or "failed"
        if result.status == 410:
            await self._subs.disable_channel(sub_id, job.channel_index)
            await self._queue.dropped(msg_id, done, "disabled")
            return "disabled"
        delay = None
        if not result.permanent:
            delay = retry_delay(done.attempt, self._settings.retry, retry_after=result.retry_after)
        if delay is None:
            await self._queue.dead_letter(msg_id, done, result.status, error)
            return "dead"
        due = datetime.now(UTC) + timedelta(seconds=delay)
        await self._queue.retry_at(msg_id, done, due, result.status, error)
        return "retrying"

    async def _process_guarded(self, msg_id: str, job: DeliveryJob | None) -> None:
        try:
            await self.process(msg_id, job)
        except (RedisError, OSError):
            raise
        except Exception as exc:  # a bug must not stop the worker or loop on one message
            reraise_if_cancelling()
            log.exception("delivery %s failed unexpectedly", msg_id)
            if job is not None:
                error = f"internal error: {type(exc).__name__}"
                await self._queue.dead_letter(msg_id, job, None, error)

    async def run(self, consumer: str) -> None:
        """One worker loop; several run side by side with distinct consumer names."""
        s = self._settings
        block_ms = int(s.poll_seconds * 1000)
        reclaim_every = max(s.reclaim_idle_seconds / 4, s.poll_seconds)
        last_reclaim = 0.0
        # After a restart under the same name, first finish what this consumer had read.
        backlog = True
        while True:
            try:
                await self._queue.promote_due()
                messages = []
                if backlog:
                    messages = await self._queue.read_own_pending(consumer, count=s.batch)
                    backlog = bool(messages)
                if not messages and time.monotonic() - last_reclaim >= reclaim_every:
                    last_reclaim = time.monotonic()
                    messages = await self._queue.reclaim(
                        consumer, min_idle_ms=int(s.reclaim_idle_seconds * 1000), count=s.batch
                    )
                if not messages:
                    messages = await self._queue.read(consumer, count=s.batch, block_ms=block_ms)
                # A batch's deliveries side by side: a slow or hanging receiver holds up the
                # others of its batch for one timeout at most, not one timeout each.
                done = await asyncio.gather(
                    *(self._process_guarded(m, j) for m, j in messages), return_exceptions=True
                )
                for failure in (d for d in done if isinstance(d, BaseException)):
                    raise failure
            except (RedisError, OSError) as exc:
                reraise_if_cancelling()
                # Redis away: nothing was acknowledged, so the message waits in the stream.
                log.warning("delivery worker %s: %s; retrying", consumer, type(exc).__name__)
                # What this consumer had read is pending under its name: take it up again as
                # soon as Redis is back, not after reclaim_idle_seconds.
                backlog = True
                await asyncio.sleep(s.poll_seconds)


async def run_workers(worker: DeliveryWorker, *, base_name: str, count: int) -> None:
    await asyncio.gather(*(worker.run(f"{base_name}-{i}") for i in range(count)))

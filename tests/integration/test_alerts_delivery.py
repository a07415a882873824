"""Against real Kafka and Redis: signed webhooks to a loopback receiver, retries, restarts."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from redis.asyncio import Redis
from standardwebhooks.webhooks import Webhook

from schemas.claims import ClaimType
from services.alerts.bootstrap import build_components, run_background
from services.alerts.components import Components
from services.alerts.http.api import create_app
from services.alerts.redis.delivery_queue import GROUP
from services.alerts.redis.keys import Keys
from services.alerts.settings import Settings
from services.common.kafka import ensure_topics
from services.common.settings import KafkaSettings, RedisSettings
from tests.support.alerts_support import (
    API_KEY,
    Receiver,
    alert_settings,
    publish,
    raised,
    resolve,
    running_receiver,
    with_retry,
)
from tests.support.polling import eventually


@pytest.fixture
async def settings(
    kafka_settings: KafkaSettings,
    redis_settings: RedisSettings,
    unique_topic: Callable[..., str],
    unique_group: Callable[..., str],
) -> Settings:
    built = alert_settings(
        kafka_settings, redis_settings, alerts_topic=unique_topic("alerts"),
        dead_topic=unique_topic("dead-letters"), group=unique_group(),
    )  # fmt: skip
    await ensure_topics(built.kafka, [built.topics.alerts, built.topics.dead_letters], 1)
    return built


class Service:
    """The alert service in this process: API over ASGI, consumer and workers as tasks."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.redis = Redis.from_url(settings.redis.url)
        self.comp: Components = build_components(settings, self.redis, resolve=resolve)
        self.api = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=create_app(settings, components=self.comp)),
            base_url="http://alerts",
            headers={"X-API-Key": API_KEY},
        )
        self._background = run_background(settings, self.comp)

    async def start(self) -> Service:
        await self.comp.queue.ensure_group()
        await self._background.__aenter__()
        return self

    async def stop(self) -> None:
        await self._background.__aexit__(None, None, None)
        await self.api.aclose()
        await self.redis.aclose()

    async def subscribe(self, actor: str, url: str, **extra: object) -> tuple[str, str]:
        spec = {"actor": actor, "channels": [{"kind": "webhook", "url": url}], **extra}
        response = await self.api.post("/subscriptions", json=spec)
        assert response.status_code == 201, response.text
        body = response.json()
        return body["subscription"]["id"], body["secret"]


@pytest.fixture
async def service(settings: Settings) -> AsyncIterator[Service]:
    running = await Service(settings).start()
    yield running
    await running.stop()


async def test_receiver_gets_each_subscribed_alert_once_with_a_valid_signature(
    service: Service, settings: Settings
) -> None:
    async with running_receiver(Receiver()) as receiver:
        _, secret = await service.subscribe("Kremlin", receiver.url)
        russia = raised("al-ru-1")
        await publish(
            settings.kafka, settings.topics.alerts,
            russia, russia,  # delivered twice by Kafka
            raised("al-cn-1", actor="China", speaker="Zhao Lijian"),  # not followed
            raised("al-ru-2", type=ClaimType.ACCUSATION),  # type not followed
            raised("al-ru-3", type=ClaimType.WARNING),
        )  # fmt: skip
        await eventually(lambda: _count(receiver, 2))
        await _settle(service)
        delivered = receiver.delivered()
        assert len(delivered) == 2
        ids = set()
        for headers, body in delivered:
            payload = Webhook(secret).verify(body, headers)
            ids.add(payload["data"]["alert"]["alert_id"])
            assert payload["type"] == "alert.raised"
        assert ids == {"al-ru-1", "al-ru-3"}


async def _count(receiver: Receiver, want: int) -> bool:
    return len(receiver.delivered()) >= want


async def _settle(service: Service) -> None:
    """Wait until nothing is queued or scheduled, so 'nothing more arrives' is meaningful."""

    async def idle() -> bool:
        queue_key = Keys(service.settings.redis.key_prefix).delivery_queue()
        pending = await service.redis.xpending(queue_key, GROUP)
        return pending["pending"] == 0 and await service.comp.queue.scheduled_count() == 0

    await eventually(idle)


async def test_failing_receiver_gets_the_alert_after_recovery_with_the_same_id(
    service: Service, settings: Settings
) -> None:
    async with running_receiver(Receiver(fail_first=3)) as receiver:
        _, secret = await service.subscribe("Russia", receiver.url)
        await publish(settings.kafka, settings.topics.alerts, raised("al-retry-1"))
        await eventually(lambda: _count(receiver, 1))
        statuses = [status for _, _, status in receiver.requests]
        assert statuses == [500, 500, 500, 204]
        assert len({h["webhook-id"] for h, _, _ in receiver.requests}) == 1
        headers, body = receiver.delivered()[0]
        Webhook(secret).verify(body, headers)
        state = await service.comp.queue.state(headers["webhook-id"])
        assert state is not None and state.status == "delivered" and state.attempts == 4


async def test_restart_between_attempts_still_delivers(settings: Settings) -> None:
    async with running_receiver(Receiver(fail_first=1)) as receiver:
        first = await Service(with_retry(settings, base_seconds=3.0, cap_seconds=3.0)).start()
        await first.subscribe("Russia", receiver.url)
        await publish(settings.kafka, settings.topics.alerts, raised("al-restart-1"))
        await eventually(lambda: _requests(receiver, 1))
        await eventually(lambda: _scheduled(first))
        await first.stop()  # the retry is waiting in Redis, nobody running
        assert receiver.delivered() == []

        second = await Service(settings).start()
        try:
            await eventually(lambda: _count(receiver, 1))
        finally:
            await second.stop()
        assert len({h["webhook-id"] for h, _, _ in receiver.requests}) == 1


async def _requests(receiver: Receiver, want: int) -> bool:
    return len(receiver.requests) >= want


async def _scheduled(service: Service) -> bool:
    return await service.comp.queue.scheduled_count() == 1


async def test_crashed_worker_delivery_is_reclaimed(settings: Settings) -> None:
    async with running_receiver(Receiver()) as receiver:
        service = Service(settings)
        await service.comp.queue.ensure_group()
        await service.subscribe("Russia", receiver.url)
        from services.alerts.handlers import handle_alert_event

        await handle_alert_event(
            raised("al-crash-2"), store=service.comp.store,
            subscriptions=service.comp.subscriptions, queue=service.comp.queue, resolve=resolve,
        )  # fmt: skip
        # A worker that read the job and died before acknowledging it.
        taken = await service.comp.queue.read("dead-worker", count=10, block_ms=1)
        assert len(taken) == 1
        await service.start()
        try:
            await eventually(lambda: _count(receiver, 1))
        finally:
            await service.stop()


async def test_410_disables_the_channel_and_dead_letters_replay(
    service: Service, settings: Settings
) -> None:
    async with running_receiver(Receiver(fail_first=1, fail_status=410)) as receiver:
        sub_id, _ = await service.subscribe("Russia", receiver.url)
        await publish(settings.kafka, settings.topics.alerts, raised("al-gone-1"))
        await eventually(lambda: _requests(receiver, 1))
        await eventually(lambda: _disabled(service, sub_id))
    listed = (await service.api.get(f"/subscriptions/{sub_id}")).json()
    assert listed["disabled_channels"] == [0] and "secret" not in listed


async def _disabled(service: Service, sub_id: str) -> bool:
    sub = await service.comp.subscriptions.get(sub_id)
    return sub is not None and sub.disabled_channels == [0]


async def test_exhausted_delivery_is_dead_lettered_and_replayable(settings: Settings) -> None:
    few = with_retry(settings, max_attempts=2)
    async with running_receiver(Receiver(fail_first=2)) as receiver:
        service = await Service(few).start()
        try:
            await service.subscribe("Russia", receiver.url)
            await publish(settings.kafka, settings.topics.alerts, raised("al-dead-1"))
            dead = await eventually(lambda: _dead(service))
            assert len(dead) == 1 and dead[0]["error"] == "HTTP 500"
            delivery_id = dead[0]["job"]["delivery_id"]
            replay = await service.api.post(f"/deliveries/dead/{delivery_id}/replay")
            assert replay.status_code == 200
            await eventually(lambda: _count(receiver, 1))
            assert receiver.delivered()[0][0]["webhook-id"] == delivery_id
            assert (await service.api.get("/deliveries/dead")).json() == []
        finally:
            await service.stop()


async def _dead(service: Service) -> list[dict[str, object]]:
    response = await service.api.get("/deliveries/dead")
    return list(response.json())


async def test_apprise_channel_is_delivered_by_the_same_retrying_machinery(
    service: Service, settings: Settings
) -> None:
    async with running_receiver(Receiver(fail_first=1)) as receiver:
        apprise_url = receiver.url.replace("http://", "json://")
        spec = {"actor": "Moscow", "channels": [{"kind": "apprise", "url": apprise_url}]}
        created = await service.api.post("/subscriptions", json=spec)
        assert created.status_code == 201, created.text
        listed = await service.api.get(f"/subscriptions/{created.json()['subscription']['id']}")
        assert apprise_url not in listed.text  # Apprise URLs carry tokens: never shown again
        await publish(settings.kafka, settings.topics.alerts, raised("al-apprise-1"))
        await eventually(lambda: _count(receiver, 1))
        statuses = [status for _, _, status in receiver.requests]
        assert statuses == [500, 204]  # the first failure was retried
        body = json.loads(receiver.delivered()[0][1])
        assert body["title"] == "Russia: denial by Dmitry Peskov"
        assert body["message"] == "The Kremlin denied asking China for military help."

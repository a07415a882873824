"""Helpers for the alert service's integration tests: settings, a webhook receiver, polling."""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from aiohttp import web
from aiokafka import AIOKafkaProducer

from schemas.alerts import Alert, AlertRaised, AlertSource, SourceAttached
from schemas.claims import ClaimType, Span
from services.alerts.settings import DeliverySettings, RetrySettings, Settings
from services.common.kafka import encode
from services.common.settings import KafkaSettings, RedisSettings, TopicSettings

API_KEY = "integration-key"


def alert_settings(
    kafka: KafkaSettings, redis: RedisSettings, *, alerts_topic: str, dead_topic: str, group: str
) -> Settings:
    """Tiny backoff and polls so retries happen within a test; loopback allow-listed."""
    return Settings(
        api_key=API_KEY,
        # Tansu (local dev broker) has no idempotent producer; acks=all still holds.
        kafka=kafka.model_copy(update={"idempotent_producer": False}),
        redis=redis,
        topics=TopicSettings(alerts=alerts_topic, dead_letters=dead_topic, partitions=1),
        consumer_group=group,
        consumer_name=f"{group}-c",
        delivery=DeliverySettings(
            timeout_seconds=2.0,
            workers=2,
            poll_seconds=0.1,
            reclaim_idle_seconds=1.0,
            allow_hosts=["127.0.0.0/8"],
            retry=RetrySettings(base_seconds=0.05, factor=2, cap_seconds=0.3, max_attempts=30),
        ),
    )


def with_retry(settings: Settings, **retry: float) -> Settings:
    """`settings` with some retry settings changed."""
    new_retry = settings.delivery.retry.model_copy(update=retry)
    delivery = settings.delivery.model_copy(update={"retry": new_retry})
    return settings.model_copy(update={"delivery": delivery})


async def publish(
    kafka: KafkaSettings, topic: str, *events: AlertRaised | SourceAttached | bytes
) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=kafka.bootstrap_servers, acks="all")
    await producer.start()
    try:
        for event in events:
            raw = event if isinstance(event, bytes) else encode(event)
            await producer.send_and_wait(topic, raw, key=b"k")
    finally:
        await producer.stop()


@dataclass
class Receiver:
    """A webhook endpoint on loopback; answers `fail_first` requests with `fail_status`."""

    fail_first: int = 0
    fail_status: int = 500
    requests: list[tuple[dict[str, str], bytes, int]] = field(default_factory=list)
    url: str = ""

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        status = self.fail_status if len(self.requests) < self.fail_first else 204
        self.requests.append((dict(request.headers), body, status))
        return web.Response(status=status)

    def delivered(self) -> list[tuple[dict[str, str], bytes]]:
        return [(h, b) for h, b, s in self.requests if s == 204]


@asynccontextmanager
async def running_receiver(receiver: Receiver) -> AsyncIterator[Receiver]:
    app = web.Application()
    app.router.add_post("/hook", receiver.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    receiver.url = f"http://127.0.0.1:{port}/hook"
    try:
        yield receiver
    finally:
        await runner.cleanup()


def source(article_id: str, speaker: str, sentence: str, *, start: int = 10) -> AlertSource:
    return AlertSource(
        article_id=article_id,
        title=f"Report {article_id}",
        published_at=datetime(2022, 3, 14, 12, tzinfo=UTC),
        speaker=speaker,
        sentence=sentence,
        span=Span(start=start, end=start + len(sentence)),
    )


def place(alert_id: str) -> int:
    """A sentence offset of each alert's own: a report belongs to one alert only, so alerts
    made up for a test must not share one (same article, sentence and speaker)."""
    return 10 + zlib.crc32(alert_id.encode()) % 100_000


def raised(
    alert_id: str,
    *,
    actor: str = "Russia",
    speaker: str = "Dmitry Peskov",
    type: ClaimType = ClaimType.DENIAL,
    sentence: str = "The Kremlin denied asking China for military help.",
) -> AlertRaised:
    return AlertRaised(
        alert=Alert(
            alert_id=alert_id, actor=actor, type=type, speaker=speaker,
            content="asked for military help", sentence=sentence, cue="denied", confidence=0.9,
            first_source=source("art-1", speaker, sentence, start=place(alert_id)),
        )
    )  # fmt: skip


def attached(alert_id: str, article_id: str, *, actor: str = "Russia") -> SourceAttached:
    sentence = "Moscow again denied seeking military help."
    return SourceAttached(
        alert_id=alert_id, actor=actor, type=ClaimType.DENIAL,
        source=source(article_id, "Dmitry Peskov", sentence, start=place(alert_id)),
    )  # fmt: skip


ALIASES = {"kremlin": "Russia", "moscow": "Russia", "russia": "Russia", "china": "China",
           "beijing": "China"}  # fmt: skip


def resolve(name: str) -> str | None:
    """Stand-in for the actors KB where the KB is not what a test is about."""
    return ALIASES.get(name.casefold())

"""Fault: Redis (AOF on) restarts while webhook deliveries wait for a receiver that is down."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from schemas.alerts import AlertRaised
from services.alerts.models import webhook_id
from services.common.settings import KafkaSettings
from tests.support.alerts_support import publish, raised
from tests.support.fault_stack import (
    FAST_RETRY_ENV,
    OwnServer,
    Services,
    delivery_statuses,
    settled,
    until,
)
from tests.support.fault_support import HookReceiver, assert_each_once

# Well under the delivery workers' reclaim time (120 s): a delivery a worker had read when Redis
# went away must be taken up again at once, not when it is reclaimed as abandoned.
RECOVERY_S = 30.0


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[OwnServer]:
    """Not the session's Redis: this test stops it, which must not hurt the others."""
    with OwnServer("redis.sh", tmp_path / "redis") as redis:
        yield redis


def alerts_for(actor: str, n: int, tag: str) -> list[AlertRaised]:
    return [raised(f"al-{tag}-{actor.casefold()}-{i}", actor=actor) for i in range(n)]


async def test_pending_deliveries_and_subscriptions_survive_a_redis_restart(
    kafka_bootstrap: str, own_redis: OwnServer, tmp_path: Path
) -> None:
    kafka = KafkaSettings(bootstrap_servers=kafka_bootstrap)
    receiver = HookReceiver()  # not listening yet: every attempt is refused
    before = alerts_for("Russia", 3, "before") + alerts_for("China", 3, "before")
    during = alerts_for("Russia", 1, "during") + alerts_for("China", 1, "during")
    with Services.for_test(tmp_path / "run", bootstrap=kafka_bootstrap, redis_url=own_redis.address,
                           **FAST_RETRY_ENV) as services:  # fmt: skip
        services.start("alerts")
        await until(services.alerts_ready, "alert service ready", services)
        subs = {actor: await services.subscribe(actor, receiver.url(actor.casefold()))
                for actor in ("Russia", "China")}  # fmt: skip
        topic = services.config.topic("alerts")
        await publish(kafka, topic, *before)
        ids = [webhook_id(f"raised:{e.alert.alert_id}", subs[e.alert.actor], 0) for e in before]

        async def all_retrying() -> bool:
            return set(await delivery_statuses(services, ids)) == {"retrying"}

        await until(all_retrying, "every delivery failed once and waits for a retry", services)
        await asyncio.to_thread(own_redis.stop)
        await publish(kafka, topic, *during)  # the service must hold these until Redis is back
        await until(lambda: redis_missed(services), "the service to see Redis gone", services)
        await asyncio.to_thread(own_redis.restart)

        async def subscriptions_back() -> bool:
            async with services.api() as api:
                listed = await api.get("/subscriptions")
            return listed.status_code == 200 and {s["id"] for s in listed.json()} == set(
                subs.values()
            )

        await until(subscriptions_back, "both subscriptions after the restart", services)
        statuses = await delivery_statuses(services, ids)
        assert set(statuses) <= {"retrying", "pending"}, statuses
        async with receiver.running():
            want = {
                actor.casefold(): Counter(
                    (e.alert.alert_id, "art-1", e.alert.sentence)
                    for e in before + during
                    if e.alert.actor == actor
                )
                for actor in subs
            }
            await until(lambda: all(set(receiver.times_each(p)) >= set(k) for p, k in want.items()),
                        "every delivery once the receiver is up", services,
                        timeout=RECOVERY_S)  # fmt: skip
            await until(lambda: settled(services, workers=False), "deliveries settled", services)
    assert_each_once(receiver, want)


async def redis_missed(services: Services) -> bool:
    async with services.api() as api:
        ready = await api.get("/readyz")
    return ready.status_code == 503 and ready.json()["checks"]["redis"] is False

"""Against real Redis: a report belongs to one alert, and a revision replaces the first source."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from redis.asyncio import Redis

from schemas.alerts import AlertRaised, AlertRevised
from services.alerts.redis.alert_store import RedisAlertStore
from services.alerts.redis.keys import Keys
from tests.support.alerts_support import attached, raised, source


@pytest.fixture
async def store(redis_url: str, key_prefix: str) -> AsyncIterator[RedisAlertStore]:
    redis = Redis.from_url(redis_url)
    yield RedisAlertStore(redis, Keys(key_prefix))
    await redis.aclose()


def same_report(event: AlertRaised, alert_id: str, actor: str) -> AlertRaised:
    alert = event.alert.model_copy(update={"alert_id": alert_id, "actor": actor})
    return AlertRaised(alert=alert)


async def test_a_report_attaches_to_one_alert_only(store: RedisAlertStore) -> None:
    first = raised("al-1")
    assert (await store.add_raised(first)).new
    # The same report read as another actor's on a replay: it stays where it is.
    taken = same_report(first, "al-2", "Dmitry Peskov")
    assert (await store.add_raised(taken)).outcome == "claimed"
    assert await store.get("al-2") is None
    further = attached("al-1", "art-2")
    assert (await store.add_source(further)).new
    assert (await store.add_raised(same_report(first, "al-3", "Kremlin"))).outcome == "claimed"
    elsewhere = further.model_copy(update={"alert_id": "al-9"})
    assert (await store.add_source(elsewhere)).outcome == "claimed"
    stored = await store.get("al-1")
    assert stored is not None and [s.article_id for s in stored.sources] == ["art-1", "art-2"]
    assert [e.alert_id for e in await store.read_events("0-0", block_ms=10)] == ["al-1", "al-1"]


async def test_a_revision_puts_the_older_report_first_in_place(store: RedisAlertStore) -> None:
    await store.add_raised(raised("al-1"))
    await store.add_source(attached("al-1", "art-2"))
    older = source("art-0", "Maria Zakharova", "Moscow flatly denied the report.")
    older = older.model_copy(update={"published_at": datetime(2022, 3, 13, tzinfo=UTC)})
    first = raised("al-1").alert
    revised = first.model_copy(
        update={"speaker": "Maria Zakharova", "sentence": older.sentence, "first_source": older}
    )
    event = AlertRevised(alert=revised)
    assert (await store.revise(event)).new
    assert (await store.revise(event)).outcome == "duplicate"
    stored = await store.get("al-1")
    assert stored is not None
    assert stored.first_source == older and stored.speaker == "Maria Zakharova"
    assert [s.article_id for s in stored.sources] == ["art-0", "art-1", "art-2"]
    assert [a.alert_id for a in await store.list_alerts(names=["Maria Zakharova"])] == ["al-1"]
    assert await store.list_alerts(names=["Dmitry Peskov"]) == []
    assert [a.alert_id for a in await store.alerts_for_article("art-0")] == ["al-1"]
    kinds = [e.kind for e in await store.read_events("0-0", block_ms=10)]
    assert kinds == ["raised", "source_attached", "revised"]


async def test_a_revision_of_an_unknown_alert_is_an_orphan(store: RedisAlertStore) -> None:
    assert (await store.revise(AlertRevised(alert=raised("al-x").alert))).outcome == "orphan"

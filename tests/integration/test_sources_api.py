"""The sources service's API on real Kafka and Redis: the key, refused URLs, feeds kept in Redis,
and the polling loop behind it with its metrics."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager

import httpx
import pytest

from schemas.feeds import feed_id
from services.common.settings import KafkaSettings, RedisSettings, TopicSettings
from services.sources.api import create_app
from services.sources.settings import FetchSettings, PollSettings, Settings
from tests.support.feed_site import DENIAL_STORY, RSS, FeedSite, article_page, rss

KEY = "sources-test-key"


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with FeedSite().serving() as running:
        yield running


@pytest.fixture
def make_settings(
    kafka_settings: KafkaSettings, redis_settings: RedisSettings, unique_topic: Callable[..., str]
) -> Callable[[list[str]], Settings]:
    topics = TopicSettings(articles=unique_topic("articles"), partitions=1)

    def make(allow: list[str]) -> Settings:
        return Settings(
            api_key=KEY,
            kafka=kafka_settings,
            redis=redis_settings,
            topics=topics,
            fetch=FetchSettings(allow_hosts=allow, min_host_interval_seconds=0.05),
            poll=PollSettings(tick_seconds=0.2),
        )

    return make


@asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://sources") as client:
            yield client


async def test_feeds_api_needs_the_key_and_refuses_private_addresses(
    site: FeedSite, make_settings: Callable[[list[str]], Settings]
) -> None:
    url = site.url("/feed.xml")
    async with running(make_settings([])) as api:
        assert (await api.get("/feeds")).status_code == 401
        wrong = await api.post("/feeds", json={"url": url}, headers={"X-API-Key": "nope"})
        assert wrong.status_code == 401
        refused = await api.post("/feeds", json={"url": url}, headers={"X-API-Key": KEY})
        named = await api.post(
            "/feeds",
            json={"url": f"http://localhost:{site.port}/feed.xml"},
            headers={"X-API-Key": KEY},
        )
        too_often = await api.post(
            "/feeds", json={"url": "https://news.example/feed", "every_seconds": 1},
            headers={"X-API-Key": KEY},
        )  # fmt: skip
        listed = await api.get("/feeds", headers={"X-API-Key": KEY})
    assert refused.status_code == 422 and "loopback" in refused.json()["detail"]
    assert named.status_code == 422 and "refused" in named.json()["detail"]
    assert too_often.status_code == 422
    assert listed.json() == []
    assert site.hits == []


async def test_feeds_survive_a_restart_poll_publish_and_show_in_metrics(
    site: FeedSite, make_settings: Callable[[list[str]], Settings]
) -> None:
    site.put("/news/one.html", article_page("Kremlin denies troop moves", DENIAL_STORY))
    site.put("/feed.xml", rss("Ledger", [("Kremlin denies troop moves", "/news/one.html")]), RSS)
    settings = make_settings([f"127.0.0.1:{site.port}"])
    url = site.url("/feed.xml")
    headers = {"X-API-Key": KEY}
    async with running(settings) as api:
        added = await api.post(
            "/feeds", json={"url": url, "every_seconds": 60, "label": "L"}, headers=headers
        )
        again = await api.post("/feeds", json={"url": url, "every_seconds": 90}, headers=headers)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            [status] = (await api.get("/feeds", headers=headers)).json()
            if status["health"]["published"] == 1:
                break
            await asyncio.sleep(0.2)
        metrics = (await api.get("/metrics")).text
    assert added.status_code == 201 and again.status_code == 200
    assert added.json()["id"] == again.json()["id"] == feed_id(url)
    assert status["feed"]["every_seconds"] == 90 and status["healthy"]
    assert status["health"]["pages_fetched"] == 1
    fid = feed_id(url)
    assert f'claimwatch_sources_published_total{{feed="{fid}"}} 1.0' in metrics
    assert f'claimwatch_sources_pages_fetched_total{{feed="{fid}"}} 1.0' in metrics
    # A restart: the feed is still there, not due for a minute, and it can be removed.
    async with running(settings) as api:
        [kept] = (await api.get("/feeds", headers=headers)).json()
        await asyncio.sleep(1.0)  # several ticks: none polls, the next poll is 90 s away
        removed = await api.delete(f"/feeds/{fid}", headers=headers)
        gone = await api.delete(f"/feeds/{fid}", headers=headers)
        after = (await api.get("/feeds", headers=headers)).json()
    assert kept["feed"]["id"] == fid and kept["health"]["published"] == 1
    assert site.statuses("/feed.xml") == [200]
    assert removed.status_code == 204 and gone.status_code == 404 and after == []


async def test_the_alert_service_lists_the_feeds_the_sources_service_keeps(
    site: FeedSite, make_settings: Callable[[list[str]], Settings]
) -> None:
    """The dashboard's view: the alert service reads the same Redis keys (no import of the
    sources service), and needs the key only when reading does."""
    from redis.asyncio import Redis

    from services.alerts.bootstrap import build_components
    from services.alerts.http.api import create_app as alerts_app
    from services.alerts.settings import Settings as AlertSettings

    settings = make_settings([f"127.0.0.1:{site.port}"])
    url = site.url("/feed.xml")
    async with running(settings) as api:
        await api.post("/feeds", json={"url": url, "label": "Ledger"}, headers={"X-API-Key": KEY})
    # Reads need the key by default; `claimwatch up` opens them on its loopback stack.
    alert_settings = AlertSettings(api_key=KEY, redis=settings.redis, kafka=settings.kafka)
    redis = Redis.from_url(settings.redis.url)
    comp = build_components(alert_settings, redis, resolve=lambda name: name)
    try:
        as_under_up = alert_settings.model_copy(update={"read_requires_key": False})
        transport = httpx.ASGITransport(app=alerts_app(as_under_up, components=comp))
        async with httpx.AsyncClient(transport=transport, base_url="http://alerts") as alerts:
            open_read = await alerts.get("/feeds")
            locked = alerts_app(alert_settings, components=comp)
            locked_client = httpx.AsyncClient(
                transport=httpx.ASGITransport(app=locked), base_url="http://alerts"
            )
            async with locked_client:
                refused = await locked_client.get("/feeds")
    finally:
        await redis.aclose()
    [status] = open_read.json()
    assert status["feed"]["url"] == url and status["feed"]["label"] == "Ledger"
    assert status["healthy"] is True
    assert refused.status_code == 401

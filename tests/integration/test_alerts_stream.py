"""Against real Redis: the live stream over HTTP, resumed with Last-Event-ID without gaps."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn
from redis.asyncio import Redis

from services.alerts.bootstrap import build_components
from services.alerts.components import Components
from services.alerts.http.api import create_app
from services.alerts.redis.alert_store import RedisAlertStore
from services.alerts.redis.keys import Keys
from services.alerts.settings import Settings
from services.common.settings import RedisSettings
from tests.support.alerts_support import API_KEY, attached, raised, resolve


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def served(redis_settings: RedisSettings) -> AsyncIterator[tuple[str, Components]]:
    """The API on a real socket (SSE needs a streaming server), with Redis behind it."""
    settings = Settings(api_key=API_KEY, redis=redis_settings, sse_ping_seconds=0.5)
    redis = Redis.from_url(settings.redis.url)
    comp = build_components(settings, redis, resolve=resolve)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings, components=comp), host="127.0.0.1", port=port,
                       log_config=None, lifespan="on")
    )  # fmt: skip
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}", comp
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 10)
        await redis.aclose()


async def read_events(
    base: str, want: int, *, last_id: str | None = None, actor: str | None = None,
    pings: list[str] | None = None,
) -> list[dict[str, str]]:  # fmt: skip
    """Open the stream and parse the first `want` events (id, event, data)."""
    headers = {"X-API-Key": API_KEY} | ({"Last-Event-ID": last_id} if last_id else {})
    params = {"actor": actor} if actor else {}
    events: list[dict[str, str]] = []
    current: dict[str, str] = {}
    async with (
        httpx.AsyncClient(timeout=10) as client,
        client.stream("GET", f"{base}/alerts/stream", headers=headers, params=params) as resp,
    ):
        assert resp.status_code == 200
        assert resp.headers["content-type"].startswith("text/event-stream")
        async for line in resp.aiter_lines():
            if line.startswith(":") and pings is not None:
                pings.append(line)
            elif line == "" and current:
                events.append(current)
                current = {}
                if len(events) >= want:
                    break
            elif ":" in line and not line.startswith(":"):
                name, _, value = line.partition(":")
                current[name] = value.lstrip()
    return events


async def test_resume_returns_exactly_the_missed_events_then_live_ones(
    served: tuple[str, Components],
) -> None:
    base, comp = served
    first = await comp.store.add_raised(raised("al-s1"))
    missed = [
        await comp.store.add_raised(raised("al-s2")),
        await comp.store.add_source(attached("al-s1", "art-9")),
        await comp.store.add_raised(raised("al-s3", actor="China", speaker="Zhao Lijian")),
    ]
    assert first.event_id is not None

    async def later() -> str | None:
        await asyncio.sleep(0.5)  # a live event, after the client caught up
        return (await comp.store.add_raised(raised("al-s4"))).event_id

    live = asyncio.create_task(later())
    events = await read_events(base, 4, last_id=first.event_id)
    live_id = await live
    assert [e["id"] for e in events] == [m.event_id for m in missed] + [live_id]
    assert [e["event"] for e in events] == ["raised", "source_attached", "raised", "raised"]
    data = json.loads(events[1]["data"])
    assert data["alert_id"] == "al-s1" and data["source_count"] == 2


async def test_actor_filter_takes_aliases_and_heartbeats_flow(
    served: tuple[str, Components],
) -> None:
    base, comp = served
    start = await comp.store.add_raised(raised("al-f0"))
    await comp.store.add_raised(raised("al-f1", actor="China", speaker="Zhao Lijian"))
    await comp.store.add_raised(raised("al-f2"))
    pings: list[str] = []
    events = await read_events(base, 1, last_id=start.event_id, actor="Kremlin", pings=pings)
    assert [json.loads(e["data"])["alert_id"] for e in events] == ["al-f2"]
    china = await read_events(base, 1, last_id=start.event_id, actor="Beijing")
    assert json.loads(china[0]["data"])["speaker"] == "Zhao Lijian"


async def test_stream_sends_comment_heartbeats_while_idle(served: tuple[str, Components]) -> None:
    base, _ = served
    pings: list[str] = []

    async def collect() -> None:
        await read_events(base, 1, pings=pings)

    task = asyncio.create_task(collect())
    for _ in range(100):
        if pings:
            break
        await asyncio.sleep(0.05)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert pings and pings[0].startswith(": ping")


async def test_resuming_from_a_trimmed_id_announces_the_gap(
    served: tuple[str, Components], redis_settings: RedisSettings
) -> None:
    base, comp = served
    capped = RedisAlertStore(comp.redis, Keys(redis_settings.key_prefix), event_maxlen=100)
    first = await capped.add_raised(raised("al-t0"))
    for n in range(1, 400):
        await capped.add_raised(raised(f"al-t{n}"))
    oldest = await capped.first_event_id()
    assert first.event_id is not None and oldest is not None and oldest != first.event_id
    events = await read_events(base, 2, last_id=first.event_id)
    assert events[0]["event"] == "gap" and json.loads(events[0]["data"]) == {"oldest": oldest}
    assert events[1]["id"] == oldest

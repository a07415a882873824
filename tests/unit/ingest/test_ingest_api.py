"""The ingest API against a fake publisher: acceptance, 422 reasons, 413 limits, health, metrics."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import httpx
import pytest

from services.ingest.api import create_app
from services.ingest.settings import Settings
from services.ingest.sources import ReadArticle, read_articles
from tests.support.ingest_fakes import FakePublisher

SEED = (
    Path(__file__).resolve().parents[3] / "seeds/aljazeera-2022-03-14-russia-china-military-aid.txt"
)
ARTICLE = {
    "url": "https://example.org/2024/05/ministry-denies",
    "source": "Example Wire",
    "title": "Ministry denies report",
    "text": "The ministry denied the report on Tuesday, calling it baseless.",
}


KEY = "ingest-test-key"


def settings(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "max_body_bytes": 4096, "max_batch": 3, "ready_cache_seconds": 60, "api_key": KEY,
    }  # fmt: skip
    return Settings(**{**values, **overrides})


def client_for(
    publisher: FakePublisher,
    ready_check: Callable[[], Awaitable[bool]] | None = None,
    **overrides: object,
) -> httpx.AsyncClient:
    app = create_app(settings(**overrides), publisher, ready_check=ready_check or _ready)
    transport = httpx.ASGITransport(app=app)
    headers = {"X-API-Key": KEY}
    return httpx.AsyncClient(transport=transport, base_url="http://ingest", headers=headers)


async def _ready() -> bool:
    return True


async def test_one_article_is_accepted_with_its_derived_id(publisher: FakePublisher) -> None:
    async with client_for(publisher) as client:
        response = await client.post("/articles", json=ARTICLE)
    assert response.status_code == 202
    body = response.json()
    [(key, article)] = publisher.sent
    assert body["ids"] == [key] and key.startswith("url-")
    assert article.title == ARTICLE["title"]
    assert body["published"][0] == {"id": key, "topic": "articles", "partition": 0 + (
        sum(key.encode()) % 4), "offset": 0}  # fmt: skip


async def test_batch_is_published_in_order(publisher: FakePublisher) -> None:
    batch = [{"id": f"a{i}", "text": f"Article number {i}."} for i in range(3)]
    async with client_for(publisher) as client:
        response = await client.post("/articles", json=batch)
    assert response.status_code == 202
    assert response.json()["ids"] == ["a0", "a1", "a2"] == publisher.keys


async def test_same_article_twice_gets_the_same_key(publisher: FakePublisher) -> None:
    unkeyed = {"title": "No url here", "text": "Somebody warned of storms."}
    async with client_for(publisher) as client:
        for body in (
            ARTICLE,
            ARTICLE,
            unkeyed,
            {**unkeyed, "text": " Somebody  warned of storms. "},
        ):
            assert (await client.post("/articles", json=body)).status_code == 202
    assert publisher.keys[0] == publisher.keys[1]
    assert publisher.keys[2] == publisher.keys[3] != publisher.keys[0]


async def test_given_id_is_kept(publisher: FakePublisher) -> None:
    async with client_for(publisher) as client:
        response = await client.post("/articles", json={**ARTICLE, "id": "wire-2024-0001"})
    assert response.json()["ids"] == ["wire-2024-0001"]


async def test_seed_article_posted_as_json_keeps_its_id(publisher: FakePublisher) -> None:
    [result] = list(read_articles([SEED]))
    assert isinstance(result, ReadArticle)
    async with client_for(publisher, max_body_bytes=100_000) as client:
        response = await client.post(
            "/articles", content=result.article.model_dump_json(), headers=_json
        )
    assert response.status_code == 202
    assert publisher.sent[0][1].text == result.article.text


_json = {"content-type": "application/json"}


@pytest.mark.parametrize(
    ("body", "loc", "msg"),
    [
        ({"title": "no text"}, ["body", "text"], "Field required"),
        ({**ARTICLE, "url": "not a url"}, ["body", "url"], "valid URL"),
        ({**ARTICLE, "text": "   "}, ["body", "text"], "text is empty"),
        ({**ARTICLE, "id": "has spaces"}, ["body", "id"], "should match pattern"),
        ({**ARTICLE, "published_at": "yesterday"}, ["body", "published_at"], "datetime"),
        ("just a string", ["body"], "expected an article object"),
    ],
)
async def test_invalid_article_gets_422_naming_the_field(
    publisher: FakePublisher, body: object, loc: list[object], msg: str
) -> None:
    async with client_for(publisher) as client:
        response = await client.post("/articles", json=body)
    assert response.status_code == 422
    [detail] = response.json()["detail"]
    assert detail["loc"] == loc
    assert msg in detail["msg"]
    assert msg in response.json()["error"]
    assert publisher.sent == []


async def test_one_bad_article_refuses_the_whole_batch(publisher: FakePublisher) -> None:
    batch = [ARTICLE, {"id": "b", "text": ""}, {"id": "c", "text": "fine"}]
    async with client_for(publisher) as client:
        response = await client.post("/articles", json=batch)
    assert response.status_code == 422
    assert [d["loc"] for d in response.json()["detail"]] == [["body", 1, "text"]]
    assert response.json()["error"].startswith("1.text: ")
    assert publisher.sent == []


@pytest.mark.parametrize("raw", [b"{not json", b"\xff\xfe", b"", b"[]"])
async def test_unparseable_or_empty_body_gets_422(publisher: FakePublisher, raw: bytes) -> None:
    async with client_for(publisher) as client:
        response = await client.post("/articles", content=raw, headers=_json)
    assert response.status_code == 422
    assert response.json()["error"]
    assert publisher.sent == []


async def test_declared_oversized_body_gets_413(publisher: FakePublisher) -> None:
    big = {**ARTICLE, "text": "word " * 2000}
    async with client_for(publisher) as client:
        response = await client.post("/articles", json=big)
    assert response.status_code == 413
    assert "exceeds 4096 bytes" in response.json()["error"]
    assert publisher.sent == []


async def test_streamed_body_without_length_is_counted(publisher: FakePublisher) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 100
        yield b'"}'

    async with client_for(publisher) as client:
        response = await client.post("/articles", content=chunks(), headers=_json)
    assert response.status_code == 413
    assert publisher.sent == []


async def test_lying_content_length_is_not_trusted(publisher: FakePublisher) -> None:
    body = json.dumps({**ARTICLE, "text": "y" * 5000}).encode()
    app = create_app(settings(), publisher, ready_check=_ready)
    received: list[dict[str, object]] = [
        {"type": "http.request", "body": body[:100], "more_body": True},
        {"type": "http.request", "body": body[100:], "more_body": False},
    ]
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        return received.pop(0)

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/articles", "raw_path": b"/articles", "query_string": b"",
        "root_path": "", "headers": [(b"content-type", b"application/json"),
                                     (b"content-length", b"20"), (b"x-api-key", KEY.encode())],
        "client": ("127.0.0.1", 1), "server": ("ingest", 80),
    }  # fmt: skip
    await app(scope, receive, send)
    assert sent[0]["status"] == 413
    assert publisher.sent == []


async def test_batch_over_max_count_gets_413(publisher: FakePublisher) -> None:
    batch = [{"id": f"a{i}", "text": "t"} for i in range(4)]
    async with client_for(publisher) as client:
        response = await client.post("/articles", json=batch)
    assert response.status_code == 413
    assert "limit of 3" in response.json()["error"]
    assert publisher.sent == []


async def test_kafka_failure_is_503_and_counted(publisher: FakePublisher) -> None:
    publisher.fail = True
    async with client_for(publisher) as client:
        response = await client.post("/articles", json=ARTICLE)
        metrics = (await client.get("/metrics")).text
    assert response.status_code == 503
    assert response.headers["retry-after"]
    assert (
        'claimwatch_ingest_articles_rejected_total{reason="kafka_unavailable",via="http"} 1.0'
        in metrics
    )


async def test_metrics_count_accepted_rejected_and_latency(publisher: FakePublisher) -> None:
    async with client_for(publisher) as client:
        await client.post("/articles", json=[ARTICLE, {**ARTICLE, "url": "https://example.org/b"}])
        await client.post("/articles", json={"title": "x"})
        await client.post("/articles", content=b"{", headers=_json)
        response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert 'claimwatch_ingest_articles_accepted_total{via="http"} 2.0' in text
    assert 'claimwatch_ingest_articles_rejected_total{reason="invalid",via="http"} 1.0' in text
    assert 'claimwatch_ingest_articles_rejected_total{reason="invalid_json",via="http"} 1.0' in text
    assert "claimwatch_ingest_publish_duration_seconds_count 1.0" in text
    assert (
        'claimwatch_ingest_http_requests_total{method="POST",route="/articles",status="202"} 1.0'
        in text
    )
    assert (
        'claimwatch_ingest_http_request_duration_seconds_count{method="POST",route="/articles"} 3.0'
        in text
    )


async def test_livez_is_always_ok(publisher: FakePublisher) -> None:
    async with client_for(publisher, ready_check=_unready) as client:
        response = await client.get("/livez")
    assert response.status_code == 200


async def _unready() -> bool:
    return False


async def test_readyz_is_503_while_kafka_is_unreachable(publisher: FakePublisher) -> None:
    async with client_for(publisher, ready_check=_unready) as client:
        response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "kafka unreachable"


async def test_readyz_caches_the_kafka_check(publisher: FakePublisher) -> None:
    calls = 0

    async def check() -> bool:
        nonlocal calls
        calls += 1
        return True

    async with client_for(publisher, ready_check=check) as client:
        statuses = [(await client.get("/readyz")).status_code for _ in range(5)]
    assert statuses == [200] * 5
    assert calls == 1


async def test_openapi_documents_the_article_body(publisher: FakePublisher) -> None:
    async with client_for(publisher) as client:
        spec = (await client.get("/openapi.json")).json()
    body = spec["paths"]["/articles"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"]["oneOf"][0]["required"] == ["text"]


class StuckPublisher(FakePublisher):
    """Never acknowledged, like a broker that stopped answering."""

    async def publish(self, articles):  # type: ignore[no-untyped-def]
        import asyncio

        await asyncio.Event().wait()
        raise AssertionError("unreachable")


async def test_publish_that_never_completes_times_out_with_503() -> None:
    publisher = StuckPublisher()
    async with client_for(publisher, publish_timeout_seconds=0.01) as client:
        response = await client.post("/articles", json=ARTICLE)
    assert response.status_code == 503

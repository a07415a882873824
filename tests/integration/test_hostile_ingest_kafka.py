"""The ingest API from its OpenAPI schema against the real Kafka publisher: a smaller property
run where every 202 is on the topic under its key and no refusal publishes anything."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from aiokafka import AIOKafkaConsumer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.python import asgi

from schemas.articles import ArticlePublished
from services.common.settings import KafkaSettings, TopicSettings
from services.ingest.api import create_app
from services.ingest.settings import Settings

MAX_BATCH = 3


@pytest.fixture
def ingest(kafka_bootstrap: str, unique_topic: Callable[..., str]) -> Iterator[Any]:
    """The app with its own lifespan opening the real Kafka publisher on a fresh topic."""
    topic = unique_topic("articles")
    app_settings = Settings(
        max_body_bytes=128 * 1024,
        max_batch=MAX_BATCH,
        kafka=KafkaSettings(bootstrap_servers=kafka_bootstrap),
        topics=TopicSettings(articles=topic, partitions=1),
        # Generated bodies test the schema's rules: no key, no language check here (both have
        # tests of their own in tests/unit/ingest).
        open_writes=True,
        language_check=False,
    )
    app = create_app(app_settings)
    # Schemathesis runs the app's lifespan (Kafka connects in the background) and keeps it
    # until shutdown_lifespans(); its client is what case.call() uses too.
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    try:
        with asgi.get_client(app) as client:
            deadline = time.monotonic() + 60
            while client.get("/readyz").status_code != 200:
                if time.monotonic() > deadline:
                    pytest.fail("ingest did not become ready against the test Kafka")
                time.sleep(0.1)
            yield schema, client, topic
    finally:
        asgi.shutdown_lifespans()  # stops the producer: nothing left open at exit


async def _read_all(bootstrap: str, topic: str, want: int) -> list[tuple[bytes, bytes]]:
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None
    )
    await consumer.start()
    out: list[tuple[bytes, bytes]] = []
    try:
        for _ in range(60):
            for batch in (await consumer.getmany(timeout_ms=500)).values():
                out.extend((m.key or b"", m.value or b"") for m in batch)
            if len(out) >= want:
                # One more poll: anything beyond `want` would be a refused request leaking.
                for batch in (await consumer.getmany(timeout_ms=1000)).values():
                    out.extend((m.key or b"", m.value or b"") for m in batch)
                break
    finally:
        await consumer.stop()
    return out


def test_generated_requests_against_real_kafka(ingest: Any, kafka_bootstrap: str) -> None:
    schema, _, topic = ingest
    operation = schema["/articles"]["POST"]
    accepted: list[str] = []

    @settings(
        max_examples=40,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        case=st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE),
            operation.as_strategy(GenerationMode.NEGATIVE),
        )
    )
    def run(case: schemathesis.Case) -> None:
        response = case.call()
        assert response.status_code < 500, f"{response.status_code}: {response.text}"
        body = response.json()
        if response.status_code == 202:
            accepted.extend(body["ids"])
            assert {p["topic"] for p in body["published"]} == {topic}
        else:
            assert isinstance(body.get("error"), str) and body["error"].strip(), body

    run()
    assert accepted, "no generated request was accepted: the run proved nothing about Kafka"
    records = asyncio.run(_read_all(kafka_bootstrap, topic, len(accepted)))
    keys = [k.decode() for k, _ in records]
    assert keys == accepted  # one partition: Kafka's order is the order of the 202s
    for key, value in records:
        assert ArticlePublished.model_validate_json(value).article.id == key.decode()


def test_deeply_nested_body_is_refused_by_the_served_app(ingest: Any) -> None:
    _, client, _ = ingest
    response = client.post(
        "/articles",
        data=b"[" * 50_000 + b"]" * 50_000,
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422
    assert json.loads(response.text)["error"].startswith("invalid JSON")

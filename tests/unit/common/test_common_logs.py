"""Structured logs: one JSON object per line with extra fields; secrets never written."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from services.common.logs import configure_logging, redact
from services.common.settings import LogSettings


@pytest.fixture
def logged() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    root = logging.getLogger()
    before = (root.level, list(root.handlers))
    handler = configure_logging(LogSettings(level="DEBUG"), stream=stream)
    yield stream
    root.removeHandler(handler)
    root.setLevel(before[0])
    assert root.handlers == before[1]


def lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_one_json_object_per_line_with_extra_fields(logged: io.StringIO) -> None:
    logging.getLogger("claimwatch.test").info(
        "article %s published", "a-1", extra={"article_id": "a-1", "partition": 3}
    )
    [entry] = lines(logged)
    assert entry["msg"] == "article a-1 published"
    assert entry["level"] == "INFO"
    assert entry["logger"] == "claimwatch.test"
    assert entry["article_id"] == "a-1" and entry["partition"] == 3
    assert str(entry["ts"]).endswith("+00:00")


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("connecting to redis://:s3cretpw@redis:6379/0", "s3cretpw"),
        ("broker amqp://user:hunter2@host/vhost", "hunter2"),
        (
            "webhook secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        ),
        ("headers {'X-API-Key': 'k-123456'}", "k-123456"),
        ('{"authorization": "Bearer eyJhbGciOi.abc.def"}', "eyJhbGciOi.abc.def"),
        ("GET /alerts?api_key=abcdef123&x=1", "abcdef123"),
        ("password=topsecret", "topsecret"),
    ],
)
def test_redact_removes_secrets(text: str, secret: str) -> None:
    cleaned = redact(text)
    assert secret not in cleaned
    assert "***" in cleaned


def test_redact_keeps_ordinary_text() -> None:
    text = "Russia denied the report; see https://example.org/news/1 (user: none)"
    assert redact(text) == text
    assert redact("redis://redis:6379/0") == "redis://redis:6379/0"


def test_secrets_are_redacted_in_message_fields_and_tracebacks(logged: io.StringIO) -> None:
    log = logging.getLogger("claimwatch.test")
    log.warning("redis at %s", "redis://:pw123@r:6379", extra={"url": "redis://:pw456@r:6379"})
    try:
        raise ConnectionError("cannot reach redis://:pw789@r:6379")
    except ConnectionError:
        log.exception("failed", extra={"headers": {"x-api-key": "key-abc"}})
    text = logged.getvalue()
    for secret in ("pw123", "pw456", "pw789", "key-abc"):
        assert secret not in text
    entries = lines(logged)
    assert entries[0]["url"] == "redis://:***@r:6379"
    assert "ConnectionError" in str(entries[1]["exc"])


def test_configure_twice_keeps_one_handler() -> None:
    stream = io.StringIO()
    root = logging.getLogger()
    before = list(root.handlers)
    configure_logging(LogSettings(), stream=stream)
    handler = configure_logging(LogSettings(json=False), stream=stream)
    try:
        added = [h for h in root.handlers if h not in before]
        assert added == [handler]
        logging.getLogger("claimwatch.test").warning("plain", extra={"alert_id": "al-1"})
        assert stream.getvalue().rstrip().endswith("plain alert_id=al-1")
    finally:
        root.removeHandler(handler)

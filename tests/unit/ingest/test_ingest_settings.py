"""Ingest settings: defaults, and the environment with the CLAIMWATCH_ prefix and `__` nesting."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from services.ingest.settings import Settings


def test_defaults_listen_on_loopback() -> None:
    settings = Settings()
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert settings.topics.articles == "articles"
    assert settings.kafka.idempotent_producer is True


def test_environment_with_nested_delimiter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMWATCH_HOST", "0.0.0.0")
    monkeypatch.setenv("CLAIMWATCH_PORT", "9000")
    monkeypatch.setenv("CLAIMWATCH_MAX_BATCH", "7")
    monkeypatch.setenv("CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS", "kafka:9092")
    monkeypatch.setenv("CLAIMWATCH_KAFKA__IDEMPOTENT_PRODUCER", "false")
    monkeypatch.setenv("CLAIMWATCH_TOPICS__ARTICLES", "articles-v2")
    monkeypatch.setenv("CLAIMWATCH_LOG__LEVEL", "DEBUG")
    monkeypatch.setenv("CLAIMWATCH_LOG__JSON", "false")
    settings = Settings()
    assert (settings.host, settings.port, settings.max_batch) == ("0.0.0.0", 9000, 7)
    assert settings.kafka.bootstrap_servers == "kafka:9092"
    assert settings.kafka.idempotent_producer is False
    assert settings.topics.articles == "articles-v2"
    assert settings.topics.claims == "claims"  # untouched siblings keep their defaults
    assert (settings.log.level, settings.log.json_format) == ("DEBUG", False)


def test_invalid_value_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMWATCH_MAX_BATCH", "0")
    with pytest.raises(ValidationError, match="max_batch"):
        Settings()

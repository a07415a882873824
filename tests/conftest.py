"""Suite-wide fixtures: the real Kafka and Redis that `make test` starts; fresh names per test."""

from __future__ import annotations

import importlib.util
import os
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
KAFKA_ENV = "CLAIMWATCH_TEST_KAFKA_BOOTSTRAP"
REDIS_ENV = "CLAIMWATCH_TEST_REDIS_URL"
# Everything in these folders talks to the real brokers.
INTEGRATION_DIRS = ("integration", "e2e")
RUN_MAKE_TEST = "run the suite with `make test`, which starts Apache Kafka and Redis and sets it"


def _kafka_runner() -> ModuleType:
    """deploy/kafka.py (stdlib only) holds the Kafka-protocol probe the runner itself waits on."""
    spec = importlib.util.spec_from_file_location(
        "claimwatch_deploy_kafka", ROOT / "deploy/kafka.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def broker_version_from_log(log_text: str) -> str | None:
    """The version the broker itself logged at start-up (Kafka's AppInfoParser line)."""
    found = re.findall(r"Kafka version: (\S+)", log_text)
    return found[-1] if found else None


def _kafka_header() -> str:
    bootstrap = os.environ.get(KAFKA_ENV)
    if not bootstrap:
        return f"kafka: {KAFKA_ENV} unset (integration tests will fail: {RUN_MAKE_TEST})"
    try:
        brokers = _kafka_runner().probe(bootstrap)
    except OSError as exc:
        return f"kafka: nothing answers on {bootstrap}: {exc}"
    log = Path(os.environ.get("CLAIMWATCH_TEST_KAFKA_LOG", "/nonexistent"))
    logged = broker_version_from_log(log.read_text()) if log.exists() else None
    name = f"Apache Kafka {logged}" if logged else "unknown Kafka-protocol broker"
    return f"kafka: {name} answering on {bootstrap} ({brokers} broker, KRaft)"


def _redis_header() -> str:
    url = os.environ.get(REDIS_ENV)
    if not url:
        return f"redis: {REDIS_ENV} unset"
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=2)
        info = client.info("server")
        persistence = client.info("persistence")
        client.close()
    except redis.RedisError as exc:
        return f"redis: nothing answers at {url}: {exc}"
    aof = "on" if persistence.get("aof_enabled") else "off"
    return f"redis: redis-server {info['redis_version']} at {url} (AOF {aof})"


def pytest_report_header(config: pytest.Config) -> list[str]:
    return [_kafka_header(), _redis_header()]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    tests_dir = ROOT / "tests"
    for item in items:
        parts = (
            item.path.relative_to(tests_dir).parts if item.path.is_relative_to(tests_dir) else ()
        )
        if parts and parts[0] in INTEGRATION_DIRS:
            item.add_marker(pytest.mark.integration)
        if parts and parts[0] == "e2e":
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def kafka_bootstrap() -> str:
    """host:port of the real Apache Kafka broker; a failure (never a skip) when there is none."""
    bootstrap = os.environ.get(KAFKA_ENV)
    if not bootstrap:
        pytest.fail(f"{KAFKA_ENV} is not set: {RUN_MAKE_TEST}", pytrace=False)
    try:
        _kafka_runner().probe(bootstrap, timeout=5.0)
    except OSError as exc:
        pytest.fail(f"Kafka at {bootstrap} does not answer ({exc}): {RUN_MAKE_TEST}", pytrace=False)
    return bootstrap


@pytest.fixture(scope="session")
def redis_url() -> str:
    """redis:// URL of the real redis-server; a failure (never a skip) when there is none."""
    url = os.environ.get(REDIS_ENV)
    if not url:
        pytest.fail(f"{REDIS_ENV} is not set: {RUN_MAKE_TEST}", pytrace=False)
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=5)
        client.ping()
        client.close()
    except redis.RedisError as exc:
        pytest.fail(f"Redis at {url} does not answer ({exc}): {RUN_MAKE_TEST}", pytrace=False)
    return url


@pytest.fixture(scope="session")
def kafka_broker_version(kafka_bootstrap: str) -> str | None:
    """The version the running broker logged at start-up (None when its log is not ours)."""
    log = Path(os.environ.get("CLAIMWATCH_TEST_KAFKA_LOG", "/nonexistent"))
    return broker_version_from_log(log.read_text()) if log.exists() else None


def _namer(default: str) -> Callable[..., str]:
    def make(prefix: str = default) -> str:
        return f"{prefix}-{uuid.uuid4().hex[:12]}"

    return make


@pytest.fixture
def unique_topic() -> Callable[..., str]:
    """unique_topic("articles") -> "articles-3f2a...": a topic no other test (or person) uses."""
    return _namer("test-topic")


@pytest.fixture
def unique_group() -> Callable[..., str]:
    """unique_group() -> a fresh consumer-group id, so offsets never leak between tests."""
    return _namer("test-group")


@pytest.fixture
def key_prefix() -> str:
    """A fresh Redis key prefix (RedisSettings.key_prefix) for this test alone."""
    return f"claimwatch-test-{uuid.uuid4().hex[:12]}"

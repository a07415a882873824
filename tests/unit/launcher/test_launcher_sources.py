"""The sources service in `claimwatch up`: its process, port, key, and the feeds' allow-list."""

from __future__ import annotations

import json
from pathlib import Path

from services.launcher.plan import StackConfig, service_specs
from services.launcher.sources import allow_entries


def config(**changes: object) -> StackConfig:
    values: dict[str, object] = {
        "root": Path("/project"), "run_dir": Path("/project/.run"), "python": "/venv/bin/python",
        "host": "127.0.0.1", "ingest_port": 8000, "alerts_port": 8001,
        "bootstrap": "127.0.0.1:9092", "embedded_broker_port": 9092,
        "redis_url": "redis://127.0.0.1:6379/0", "embedded_redis_port": 6379, "api_key": "k" * 32,
    }  # fmt: skip
    values.update(changes)
    return StackConfig(**values)  # type: ignore[arg-type]


def test_feeds_allow_exactly_their_host_and_port() -> None:
    assert allow_entries(
        ["http://127.0.0.1:8123/feed.xml", "http://127.0.0.1:8123/other.xml", "https://[::1]/f",
         "http://localhost/rss"]
    ) == ["127.0.0.1:8123", "[::1]:443", "localhost:80"]  # fmt: skip


def test_sources_runs_last_with_its_port_the_key_and_the_feed_hosts() -> None:
    specs = service_specs(config(sources_port=8002, feeds=("http://127.0.0.1:9999/feed.xml",)), {})
    assert [s.name for s in specs] == ["alerts", "ingest", "worker", "sources"]
    env = specs[-1].env
    assert specs[-1].argv == ["/venv/bin/python", "-m", "services.sources"]
    assert env["CLAIMWATCH_PORT"] == "8002" and env["CLAIMWATCH_API_KEY"] == "k" * 32
    assert json.loads(env["CLAIMWATCH_FETCH__ALLOW_HOSTS"]) == ["127.0.0.1:9999"]
    assert env["CLAIMWATCH_TOPICS__ARTICLES"] == "articles"


def test_without_a_sources_port_it_is_not_run() -> None:
    assert [s.name for s in service_specs(config(), {})] == ["alerts", "ingest", "worker"]

"""What each process of the local stack is told: ports, broker, Redis, names."""

from __future__ import annotations

import json
from pathlib import Path

from services.launcher.plan import StackConfig, broker_spec, common_env, redis_spec, service_specs


def config(**changes: object) -> StackConfig:
    values: dict[str, object] = {
        "root": Path("/project"),
        "run_dir": Path("/project/.run"),
        "python": "/venv/bin/python",
        "host": "127.0.0.1",
        "ingest_port": 8000,
        "alerts_port": 8001,
        "bootstrap": "127.0.0.1:9092",
        "embedded_broker_port": 9092,
        "redis_url": "redis://127.0.0.1:6379/0",
        "embedded_redis_port": 6379,
        "api_key": "k" * 32,
    }
    values.update(changes)
    return StackConfig(**values)  # type: ignore[arg-type]


def test_tansu_gets_no_idempotent_producer_and_real_kafka_does() -> None:
    assert common_env(config(), {})["CLAIMWATCH_KAFKA__IDEMPOTENT_PRODUCER"] == "false"
    external = config(bootstrap="kafka:9092", embedded_broker_port=None)
    env = common_env(external, {})
    assert env["CLAIMWATCH_KAFKA__IDEMPOTENT_PRODUCER"] == "true"
    assert env["CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS"] == "kafka:9092"


def test_services_run_separately_with_their_own_ports() -> None:
    specs = {spec.name: spec for spec in service_specs(config(), {"PATH": "/bin"})}
    assert list(specs) == ["alerts", "ingest", "worker"]
    assert specs["alerts"].argv == ["/venv/bin/python", "-m", "services.alerts"]
    assert specs["ingest"].env["CLAIMWATCH_PORT"] == "8000"
    assert specs["alerts"].env["CLAIMWATCH_PORT"] == "8001"
    assert specs["alerts"].env["CLAIMWATCH_API_KEY"] == "k" * 32
    # Ingest needs the same key for POST /articles; reads stay open on this loopback stack.
    assert specs["ingest"].env["CLAIMWATCH_API_KEY"] == "k" * 32
    assert specs["alerts"].env["CLAIMWATCH_READ_REQUIRES_KEY"] == "false"
    # No demo receiver in this config: nothing non-global is allowed, not even loopback.
    assert json.loads(specs["alerts"].env["CLAIMWATCH_DELIVERY__ALLOW_HOSTS"]) == []
    assert float(specs["worker"].env["CLAIMWATCH_FAUST__REBALANCE_TIMEOUT_S"]) <= 5
    assert float(specs["worker"].env["CLAIMWATCH_FAUST__SESSION_TIMEOUT_S"]) >= 6
    assert all(spec.env["PATH"] == "/bin" for spec in specs.values())
    assert all(spec.cwd == Path("/project") for spec in specs.values())


def test_webhooks_are_allowed_by_exact_host_and_port_only() -> None:
    specs = service_specs(config(demo_receiver_port=41234, allow_webhooks=("127.0.0.1:9000",)), {})
    env = next(s for s in specs if s.name == "alerts").env
    allowed = json.loads(env["CLAIMWATCH_DELIVERY__ALLOW_HOSTS"])
    assert allowed == ["127.0.0.1:41234", "127.0.0.1:9000"]
    ipv6 = config(host="::1", demo_receiver_port=41234)
    assert ipv6.webhook_allow_list == ["[::1]:41234"]


def test_a_namespace_separates_topics_groups_and_keys() -> None:
    specs = {spec.name: spec for spec in service_specs(config(namespace="t1"), {})}
    env = specs["worker"].env
    assert env["CLAIMWATCH_TOPICS__ARTICLES"] == "articles-t1"
    assert env["CLAIMWATCH_TOPICS__DEAD_LETTERS"] == "dead-letters-t1"
    assert env["CLAIMWATCH_REDIS__KEY_PREFIX"] == "claimwatch-t1"
    assert env["CLAIMWATCH_FAUST__APP_ID"] == "claimwatch-stream-t1"
    assert specs["alerts"].env["CLAIMWATCH_CONSUMER_GROUP"] == "claimwatch-alerts-t1"
    plain = common_env(config(), {})
    assert plain["CLAIMWATCH_TOPICS__ARTICLES"] == "articles"


def test_urls_follow_the_ports() -> None:
    c = config()
    assert c.dashboard_url == "http://127.0.0.1:8001/dashboard"
    assert c.ingest_url == "http://127.0.0.1:8000"
    assert c.log_dir == Path("/project/.run/logs")


def test_broker_and_redis_listen_on_loopback_only() -> None:
    broker = broker_spec("/bin/tansu", "127.0.0.1", 19092, {})
    assert "tcp://127.0.0.1:19092" in broker.argv
    redis = redis_spec("/usr/bin/redis-server", "127.0.0.1", 16379, Path("/tmp/r"))
    assert redis.argv[redis.argv.index("--bind") + 1] == "127.0.0.1"
    assert redis.argv[redis.argv.index("--port") + 1] == "16379"
    assert redis.argv[redis.argv.index("--save") + 1] == ""


def test_the_worker_serves_metrics_on_its_own_port_only_when_given_one() -> None:
    specs = {s.name: s for s in service_specs(config(worker_metrics_port=9555), {})}
    assert specs["worker"].env["CLAIMWATCH_METRICS_PORT"] == "9555"
    assert specs["worker"].env["CLAIMWATCH_METRICS_HOST"] == "127.0.0.1"
    assert config(worker_metrics_port=9555).worker_metrics_url == "http://127.0.0.1:9555/metrics"
    off = {s.name: s for s in service_specs(config(), {})}["worker"].env
    assert off["CLAIMWATCH_METRICS_PORT"] == "0" and config().worker_metrics_url is None

"""What `claimwatch up` runs, as values: the stack's addresses and each process's argv and env."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from services.launcher.processes import ProcessSpec
from services.launcher.sources import sources_spec

ENV = "CLAIMWATCH_"
SERVICES = ("alerts", "ingest", "worker")


@dataclass(frozen=True)
class StackConfig:
    """Everything the processes of one local stack need to find each other."""

    root: Path  # the project folder: children run there
    run_dir: Path  # .run: logs, pid files, Redis data
    python: str
    host: str
    ingest_port: int
    alerts_port: int
    bootstrap: str
    embedded_broker_port: int | None  # None: an external Kafka at `bootstrap`
    redis_url: str
    embedded_redis_port: int | None  # None: an external Redis at `redis_url`
    api_key: str
    namespace: str = ""  # suffix for topics, groups and Redis keys; lets runs share a broker
    rebalance_timeout_s: float = 5.0
    worker_metrics_port: int = 0  # the worker's Prometheus /metrics; 0: not served
    demo_receiver_port: int = 0  # the demo follower's webhook receiver; 0: none
    allow_webhooks: tuple[str, ...] = ()  # more `host:port` receivers the user allows
    sources_port: int = 0  # the sources service (feeds); 0: not run
    feeds: tuple[str, ...] = ()  # feed URLs it watches (their host:port allowed past the guard)

    @property
    def ingest_url(self) -> str:
        return f"http://{self.host}:{self.ingest_port}"

    @property
    def alerts_url(self) -> str:
        return f"http://{self.host}:{self.alerts_port}"

    @property
    def sources_url(self) -> str:
        return f"http://{self.host}:{self.sources_port}"

    @property
    def worker_metrics_url(self) -> str | None:
        port = self.worker_metrics_port
        return f"http://{self.host}:{port}/metrics" if port else None

    @property
    def dashboard_url(self) -> str:
        return f"{self.alerts_url}/dashboard"

    @property
    def log_dir(self) -> Path:
        return self.run_dir / "logs"

    @property
    def pid_dir(self) -> Path:
        return self.run_dir / "pids"

    @property
    def webhook_allow_list(self) -> list[str]:
        """Exact `host:port` entries: the demo receiver and what `--allow-webhook` named.

        Never a bare loopback host: that would let a subscription reach Redis or the broker.
        """
        own = [host_port(self.host, self.demo_receiver_port)] if self.demo_receiver_port else []
        return own + list(self.allow_webhooks)

    def topic(self, name: str) -> str:
        return f"{name}-{self.namespace}" if self.namespace else name

    @property
    def key_prefix(self) -> str:
        return f"claimwatch-{self.namespace}" if self.namespace else "claimwatch"


def host_port(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def common_env(config: StackConfig, base: Mapping[str, str]) -> dict[str, str]:
    """The settings every service shares, over the launcher's own environment."""
    env = dict(base)
    env.update(
        {
            "PYTHONUNBUFFERED": "1",
            f"{ENV}KAFKA__BOOTSTRAP_SERVERS": config.bootstrap,
            # Tansu fails InitProducerId, so the idempotent producer is for real Kafka only.
            f"{ENV}KAFKA__IDEMPOTENT_PRODUCER": "false" if config.embedded_broker_port else "true",
            f"{ENV}REDIS__URL": config.redis_url,
            f"{ENV}REDIS__KEY_PREFIX": config.key_prefix,
            f"{ENV}LOG__JSON": "true",
        }
    )
    for name in ("articles", "claims", "alerts", "dead_letters"):
        topic = name.replace("_", "-")
        env[f"{ENV}TOPICS__{name.upper()}"] = config.topic(topic)
    return env


def service_specs(config: StackConfig, base: Mapping[str, str]) -> list[ProcessSpec]:
    """The services as separate processes, in the order they are started."""
    shared = common_env(config, base)
    group_suffix = f"-{config.namespace}" if config.namespace else ""
    alerts_env = shared | {
        f"{ENV}HOST": config.host,
        f"{ENV}PORT": str(config.alerts_port),
        f"{ENV}API_KEY": config.api_key,
        # Reads stay open on this loopback-only stack, so a dashboard opened without its
        # #key= fragment still shows the feed (a foreign web page cannot read the answers:
        # no CORS). Everywhere else the service's default holds: reads need the key.
        f"{ENV}READ_REQUIRES_KEY": "false",
        f"{ENV}CONSUMER_GROUP": f"claimwatch-alerts{group_suffix}",
        # The demo follower's webhook receiver listens on loopback, which the SSRF guard
        # refuses unless it is named here: by its exact host and port only.
        f"{ENV}DELIVERY__ALLOW_HOSTS": json.dumps(config.webhook_allow_list),
        f"{ENV}DELIVERY__POLL_SECONDS": "0.2",
    }
    ingest_env = shared | {
        f"{ENV}HOST": config.host,
        f"{ENV}PORT": str(config.ingest_port),
        f"{ENV}API_KEY": config.api_key,  # POST /articles needs it; the stack file shares it
    }
    worker_env = shared | {
        f"{ENV}FAUST__APP_ID": f"claimwatch-stream{group_suffix}",
        f"{ENV}FAUST__DATADIR": str(config.run_dir / "worker"),
        # A group's first join waits for the rebalance and session timeouts: with the
        # worker's defaults the first alert came 23 s after start, with these 10 s. Kafka's
        # smallest allowed session timeout is 6 s (group.min.session.timeout.ms).
        f"{ENV}FAUST__REBALANCE_TIMEOUT_S": str(config.rebalance_timeout_s),
        f"{ENV}FAUST__SESSION_TIMEOUT_S": "6",
        f"{ENV}FAUST__HEARTBEAT_INTERVAL_S": "1",
        f"{ENV}METRICS_HOST": config.host,
        f"{ENV}METRICS_PORT": str(config.worker_metrics_port),
    }
    py = config.python
    specs = [
        ProcessSpec("alerts", [py, "-m", "services.alerts"], alerts_env, config.root),
        ProcessSpec("ingest", [py, "-m", "services.ingest"], ingest_env, config.root),
        ProcessSpec("worker", [py, "-m", "services.cli.main", "worker"], worker_env, config.root),
    ]
    if config.sources_port:
        specs.append(
            sources_spec(
                shared,
                python=py,
                host=config.host,
                port=config.sources_port,
                api_key=config.api_key,
                feeds=config.feeds,
                cwd=config.root,
            )
        )
    return specs


def broker_spec(binary: str, host: str, port: int, base: Mapping[str, str]) -> ProcessSpec:
    """The embedded Tansu broker, in memory: nothing survives its stop, which suits a demo."""
    url = f"tcp://{host}:{port}"
    argv = [binary, "broker", "--listener-url", url, "--advertised-listener-url", url]
    argv += ["--storage-engine", "memory://tansu/"]
    return ProcessSpec("broker", argv, dict(base))


def redis_spec(binary: str, host: str, port: int, data_dir: Path) -> ProcessSpec:
    """A throwaway Redis on loopback: no snapshots, no append-only file."""
    argv = [binary, "--bind", host, "--port", str(port), "--save", "", "--appendonly", "no"]
    argv += ["--dir", str(data_dir), "--protected-mode", "yes", "--daemonize", "no"]
    return ProcessSpec("redis", argv, {"PATH": "/usr/bin:/bin"})

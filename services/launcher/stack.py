"""The local stack's life: check, start in order, wait for each, run the demo, stop it all."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

import httpx
from aiokafka.errors import KafkaError

from services.common.settings import TopicSettings
from services.common.terminal import safe
from services.launcher import demo, infra, pidfiles, ports, processes, runs, sources, stackfile
from services.launcher.errors import StartupError, Stopping
from services.launcher.feed import Feed, paint
from services.launcher.plan import StackConfig, broker_spec, redis_spec, service_specs
from services.launcher.readiness import http_ready, redis_ready, wait_until

log = logging.getLogger("claimwatch.up")


@dataclass(frozen=True)
class Options:
    seeds: Path
    replay: bool = True
    duration: float | None = None  # stop by itself after this many seconds
    exit_after_alerts: int | None = None  # stop by itself after this many new alerts
    demo_actors: tuple[str, ...] = demo.DEMO_ACTORS
    colour: bool = False
    ready_timeout: float = 120.0
    feed_every: int = 300  # poll interval of the feeds `up --feed` adds


class Stack:
    """One run of `claimwatch up`: the processes it started, in start order."""

    def __init__(
        self, config: StackConfig, options: Options, out: TextIO, stop: threading.Event
    ) -> None:
        self.config = config
        self.options = options
        self.out = out
        self.stop = stop
        self.started: list[processes.Managed] = []
        self.pids = pidfiles.PidDir(config.pid_dir)
        self.alerts_seen = 0
        self.updates_seen = 0
        self.first_alert_at: float | None = None
        self.began = time.monotonic()
        self.claimed = False

    def say(self, text: str, code: str = "0") -> None:
        self.out.write(paint(text, code, self.options.colour) + "\n")
        self.out.flush()

    def run(self, base_env: Mapping[str, str]) -> int:
        """Start everything, follow alerts until told to stop; always stops what it started."""
        try:
            self.claim_run_dir()
            self.check_ports()
            self.start_broker(base_env)
            self.start_redis()
            self.start_services(base_env)
            self.write_stack_file()
            return self.demo_and_watch()
        except StartupError as exc:
            log.error("startup failed", extra={"problem": exc.problem})
            self.say(f"✗ {exc}", "1;31")
            return 1
        except Stopping:
            return 0
        finally:
            self.shutdown()

    def claim_run_dir(self) -> None:
        runs.claim(self.pids, self.say)
        self.claimed = True

    def check_ports(self) -> None:
        c = self.config
        wanted = {
            "ingest": (c.ingest_port, "--ingest-port"),
            "alerts": (c.alerts_port, "--alerts-port"),
        }
        if c.sources_port:
            wanted["sources"] = (c.sources_port, "--sources-port")
        if c.embedded_broker_port:
            wanted["the embedded Kafka broker"] = (c.embedded_broker_port, "--broker-port")
        if c.embedded_redis_port:
            wanted["Redis"] = (c.embedded_redis_port, "--redis-port")
        ports.check_free(wanted, lambda port: ports.is_listening(c.host, port))

    def launch(self, spec: processes.ProcessSpec) -> processes.Managed:
        managed = processes.start(spec, self.config.log_dir)
        self.started.append(managed)
        self.pids.write(spec.name, managed.pid)
        log.info("started", extra={"child": spec.name, "pid": managed.pid})
        return managed

    def died(self, managed: processes.Managed, fix: str) -> StartupError:
        last = managed.log_tail(1).strip() or "no output"
        return StartupError(
            f"{managed.spec.name} exited during start-up (code {managed.exited()}; "
            f"{managed.log_path}: {last[:200]})",
            fix,
        )

    def start_broker(self, base_env: Mapping[str, str]) -> None:
        c = self.config
        topics = TopicSettings(
            articles=c.topic("articles"),
            claims=c.topic("claims"),
            alerts=c.topic("alerts"),
            dead_letters=c.topic("dead-letters"),
        )
        if c.embedded_broker_port is None:
            if not infra.external_kafka_ok(c.bootstrap):
                raise StartupError(
                    f"no Kafka answers at {c.bootstrap} (CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS)",
                    "start that broker, or unset the variable to use the embedded one",
                )
            infra.prepare_topics(c.bootstrap, topics, idempotent=True)
            self.say(f"✓ Kafka at {c.bootstrap} (external)", "32")
            return
        broker = self.launch(
            broker_spec(infra.tansu_binary(), c.host, c.embedded_broker_port, base_env)
        )
        fix = "see the broker log; `claimwatch up --broker-port PORT` picks another port"
        if not wait_until(
            lambda: ports.is_listening(c.host, c.embedded_broker_port or 0),
            timeout=15,
            stop=self.stop,
            died=lambda: broker.exited() is not None,
        ):
            raise self.died(broker, fix)
        # Tansu listens before it serves metadata: retry topic creation briefly.
        deadline = time.monotonic() + 20
        while True:
            try:
                infra.prepare_topics(c.bootstrap, topics, idempotent=False)
                break
            except (KafkaError, OSError, TimeoutError) as exc:  # "not yet"
                if broker.exited() is not None:
                    raise self.died(broker, fix) from exc
                if time.monotonic() > deadline:
                    raise StartupError(
                        f"the embedded broker did not accept topics: {exc}", fix
                    ) from exc
                if self.stop.wait(0.5):
                    raise Stopping from exc
        self.say(f"✓ Kafka-compatible broker (embedded Tansu) on {c.bootstrap}", "32")

    def start_redis(self) -> None:
        c = self.config
        if c.embedded_redis_port is None:
            parts = urlsplit(c.redis_url)
            host, port = parts.hostname or "127.0.0.1", parts.port or 6379
            if not redis_ready(host, port):
                raise StartupError(
                    f"no Redis answers at {host}:{port} (CLAIMWATCH_REDIS__URL)",
                    "start it, or unset the variable to let `claimwatch up` run its own",
                )
            self.say(f"✓ Redis at {host}:{port} (external)", "32")
            return
        binary, _ = infra.redis_binary(
            notify=lambda: self.say("· redis-server is missing: installing it with apt-get ...")
        )
        data_dir = c.run_dir / "up-redis"
        data_dir.mkdir(parents=True, exist_ok=True)
        redis = self.launch(redis_spec(binary, c.host, c.embedded_redis_port, data_dir))
        if not wait_until(
            lambda: redis_ready(c.host, c.embedded_redis_port or 0),
            timeout=15,
            stop=self.stop,
            died=lambda: redis.exited() is not None,
        ):
            raise self.died(
                redis, "see the Redis log; `claimwatch up --redis-port PORT` picks another"
            )
        self.say(f"✓ Redis on {c.redis_url}", "32")

    def start_services(self, base_env: Mapping[str, str]) -> None:
        c = self.config
        started = {spec.name: self.launch(spec) for spec in service_specs(c, base_env)}
        ready_urls = {"alerts": f"{c.alerts_url}/readyz", "ingest": f"{c.ingest_url}/readyz"}
        if "sources" in started:
            ready_urls["sources"] = f"{c.sources_url}/readyz"
        for name, url in ready_urls.items():
            managed = started[name]
            if not wait_until(
                lambda url=url: http_ready(url),  # type: ignore[misc]
                timeout=self.options.ready_timeout,
                stop=self.stop,
                died=lambda managed=managed: managed.exited() is not None,  # type: ignore[misc]
            ):
                if managed.exited() is None:
                    raise StartupError(
                        f"{name} not ready at {url} after {self.options.ready_timeout:.0f} s",
                        f"read {managed.log_path}",
                    )
                raise self.died(managed, f"read {managed.log_path}")
            self.say(f"✓ {name} ready on {url.removesuffix('/readyz')}", "32")
        worker = started["worker"]
        # The worker serves no HTTP here: it is ready enough when it survives its start
        # (its consumer group reads from the earliest offset, so nothing is missed).
        wait_until(
            lambda: False, timeout=3, stop=self.stop, died=lambda: worker.exited() is not None
        )
        if worker.exited() is not None:
            raise self.died(worker, f"read {worker.log_path}")
        self.say("✓ worker running (consumer group joins in a few seconds)", "32")

    @property
    def stack_file(self) -> Path:
        return self.config.run_dir / stackfile.FILE_NAME

    def write_stack_file(self) -> None:
        """Tell the other commands (`replay`, `subscribe`, `alerts`, `tail`) how to reach us."""
        stackfile.write(self.stack_file, stackfile.describe(self.config, os.getpid()))
        log.info("stack file written", extra={"path": str(self.stack_file)})

    def demo_and_watch(self) -> int:
        c, o = self.config, self.options
        feed_stop = threading.Event()
        feed = Feed(
            f"{c.alerts_url}/alerts/stream",
            self.out,
            colour=o.colour,
            stop=feed_stop,
            on_alert=self._count,
        )
        with demo.WebhookReceiver(c.host, c.demo_receiver_port) as receiver:
            try:
                ids = demo.subscribe(c.alerts_url, c.api_key, receiver, o.demo_actors)
            except httpx.HTTPError as exc:
                raise StartupError(
                    f"subscribing the demo follower failed: {exc}",
                    f"read {c.log_dir / 'alerts.log'}",
                ) from exc
            self.say(
                f"✓ demo follower subscribed to {', '.join(o.demo_actors)} ({len(ids)} webhooks)",
                "32",
            )
            self.watch_feeds()
            feed.start()
            feed.connected.wait(10)
            self.say(f"\n  Dashboard:  {c.dashboard_url}#key={c.api_key}", "1")
            self.say(f"  Alerts API: {c.alerts_url}/alerts   Ingest: {c.ingest_url}/articles", "0")
            worker = f"   worker: {c.worker_metrics_url}" if c.worker_metrics_url else ""
            sources = f"   sources: {c.sources_url}/metrics" if c.sources_port else ""
            self.say(
                f"  Metrics:    alerts: {c.alerts_url}/metrics   ingest: {c.ingest_url}/metrics"
                + worker
                + sources,
                "0",
            )
            if c.sources_port:
                self.say(f"  Feeds:      {c.sources_url}/feeds   (`claimwatch feeds list`)", "0")
            self.say(
                f"  Stack file: {self.stack_file} (mode 0600, holds the key): `claimwatch "
                "replay`, `subscribe`, `alerts`, `tail` and `feeds` find this stack with no flags",
                "0",
            )
            self.say(f"  Logs:       {c.log_dir}/   Ctrl-C stops everything\n", "0")
            if o.replay:
                sent, problems = demo.replay(c.ingest_url, o.seeds, c.api_key)
                for problem in problems:
                    self.say(f"  ! {safe(problem)}", "33")  # a file's name or content
                self.say(
                    f"· replayed {sent} articles from {o.seeds}; alerts follow as they arrive", "2"
                )
            try:
                return self.watch()
            finally:
                feed_stop.set()
                if receiver.valid or receiver.invalid:
                    self.say(
                        f"· the demo follower's webhooks: {receiver.valid} deliveries with a "
                        f"valid signature, {receiver.invalid} without",
                        "2",
                    )

    def watch_feeds(self) -> None:
        c, o = self.config, self.options
        if not c.feeds:
            return
        try:
            sources.watch(c.sources_url, c.api_key, c.feeds, o.feed_every)
        except httpx.HTTPError as exc:
            raise StartupError(str(exc), f"read {c.log_dir / 'sources.log'}") from exc
        for url in c.feeds:
            self.say(f"✓ watching {safe(url)} (every {o.feed_every} s)", "32")

    def _count(self, kind: str) -> None:
        if kind == "raised":
            self.alerts_seen += 1
            if self.first_alert_at is None:
                self.first_alert_at = time.monotonic()
                log.info(
                    "first alert",
                    extra={"seconds_since_start": round(self.first_alert_at - self.began, 2)},
                )
        else:
            self.updates_seen += 1

    def watch(self) -> int:
        """Wait for Ctrl-C, a time limit, enough alerts, or a service that dies."""
        o = self.options
        deadline = time.monotonic() + o.duration if o.duration else None
        while not self.stop.wait(0.25):
            for managed in self.started:
                if managed.exited() is not None:
                    self.say(
                        f"✗ {managed.spec.name} stopped unexpectedly (code {managed.exited()}); "
                        f"see {managed.log_path}",
                        "1;31",
                    )
                    return 1
            if o.exit_after_alerts is not None and self.alerts_seen >= o.exit_after_alerts:
                return 0
            if deadline is not None and time.monotonic() >= deadline:
                return 0
        return 0

    def shutdown(self) -> None:
        if self.first_alert_at is not None:
            self.say(
                f"· first alert {self.first_alert_at - self.began:.1f} s after start; "
                f"{self.alerts_seen} alerts, {self.updates_seen} further reports",
                "2",
            )
        if self.started:
            self.say(
                "· stopping " + ", ".join(m.spec.name for m in reversed(self.started)) + " ..."
            )
        for managed in reversed(self.started):  # services first, then Redis, then the broker
            outcome = processes.stop(managed)
            self.pids.remove(managed.spec.name)
            log.info(
                "stopped", extra={"child": managed.spec.name, "pid": managed.pid, "how": outcome}
            )
        self.started.clear()
        if self.claimed:
            self.stack_file.unlink(missing_ok=True)
            runs.release(self.pids)
            self.say("· stopped: nothing left running", "2")

"""`claimwatch up`: the whole stack on this machine, with a demo follower and the seeds replayed."""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from types import FrameType

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_BROKER_PORT = 9092
DEFAULT_REDIS_PORT = 6379


class ExternalKafka(BaseModel):
    bootstrap_servers: str | None = None


class ExternalRedis(BaseModel):
    url: str | None = None


class UpSettings(BaseSettings):
    """What the environment may say about the stack: an existing Kafka or Redis to use.

    Spelled as every service spells them (CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS,
    CLAIMWATCH_REDIS__URL), so one variable means one thing everywhere.
    """

    model_config = SettingsConfigDict(
        env_prefix="CLAIMWATCH_", env_nested_delimiter="__", extra="ignore"
    )

    kafka: ExternalKafka = Field(default_factory=ExternalKafka, description="Use this Kafka.")
    redis: ExternalRedis = Field(default_factory=ExternalRedis, description="Use this Redis.")


# Spellings of earlier versions: named in a warning so that a stale shell profile is noticed.
RENAMED = {
    "CLAIMWATCH_KAFKA_BOOTSTRAP_SERVERS": "CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS",
    "CLAIMWATCH_REDIS_URL": "CLAIMWATCH_REDIS__URL",
}


def renamed_warnings(env: Mapping[str, str]) -> list[str]:
    return [
        f"! {old} is no longer read; use {new} (one spelling for every command)"
        for old, new in RENAMED.items()
        if old in env
    ]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="articles to replay")
    parser.add_argument("--no-replay", action="store_true", help="start the stack, replay nothing")
    parser.add_argument("--duration", type=float, help="stop by itself after SECONDS")
    parser.add_argument(
        "--exit-after-alerts", type=int, metavar="N", help="stop after N new alerts"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address every service listens on")
    parser.add_argument("--ingest-port", type=int, default=8000)
    parser.add_argument("--alerts-port", type=int, default=8001)
    parser.add_argument(
        "--broker-port", type=int, default=DEFAULT_BROKER_PORT, help="port of the embedded broker"
    )
    parser.add_argument(
        "--redis-port", type=int, default=DEFAULT_REDIS_PORT, help="port of the Redis started here"
    )
    parser.add_argument(
        "--kafka",
        metavar="BOOTSTRAP",
        help="use this running Kafka (also CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS)",
    )
    parser.add_argument("--redis-url", help="use this running Redis (also CLAIMWATCH_REDIS__URL)")
    parser.add_argument(
        "--allow-webhook",
        action="append",
        default=[],
        dest="allow_webhooks",
        metavar="HOST:PORT",
        type=host_port_arg,
        help="let subscriptions deliver to this loopback or private receiver (repeatable)",
    )
    parser.add_argument("--run-dir", type=Path, default=Path(".run"), help="logs and pid files")
    parser.add_argument(
        "--namespace",
        default="",
        help="suffix for topics, consumer groups and Redis keys (to share a broker)",
    )
    parser.add_argument(
        "--actor",
        action="append",
        dest="actors",
        help="actor the demo follower follows (repeatable)",
    )
    parser.add_argument(
        "--sources-port", type=int, default=8002, help="port of the sources service (feeds)"
    )
    parser.add_argument(
        "--feed",
        action="append",
        dest="feeds",
        metavar="URL",
        help="RSS or Atom feed to watch (repeatable); its host:port passes the SSRF guard",
    )
    parser.add_argument(
        "--feed-every", type=int, default=300, metavar="SECONDS", help="poll interval of --feed"
    )
    parser.add_argument("--no-colour", action="store_true")


def host_port_arg(value: str) -> str:
    """`HOST:PORT` exactly: a bare host would open every port of it (Redis, the broker)."""
    from services.common.ssrf import AllowList

    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r}: give HOST:PORT, e.g. 127.0.0.1:9000")
    try:
        parsed = AllowList.parse([value])
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    if parsed.hosts or parsed.networks:
        raise argparse.ArgumentTypeError(f"{value!r}: give HOST:PORT, e.g. 127.0.0.1:9000")
    return value


def run(args: argparse.Namespace) -> int:
    from services.common.logs import configure_logging
    from services.common.settings import LogSettings
    from services.common.terminal import colour_wanted
    from services.launcher import demo
    from services.launcher.plan import StackConfig
    from services.launcher.ports import free_port
    from services.launcher.stack import Options, Stack

    for warning in renamed_warnings(os.environ):
        sys.stderr.write(warning + "\n")
    env = UpSettings()
    bootstrap = args.kafka or env.kafka.bootstrap_servers
    redis_url = args.redis_url or env.redis.url
    root = Path.cwd()
    run_dir = args.run_dir.resolve()
    config = StackConfig(
        root=root,
        run_dir=run_dir,
        python=sys.executable,
        host=args.host,
        ingest_port=args.ingest_port,
        alerts_port=args.alerts_port,
        bootstrap=bootstrap or f"{args.host}:{args.broker_port}",
        embedded_broker_port=None if bootstrap else args.broker_port,
        redis_url=redis_url or f"redis://{args.host}:{args.redis_port}/0",
        embedded_redis_port=None if redis_url else args.redis_port,
        # A fresh key each run: the dashboard gets it in the URL fragment, which browsers
        # never send to a server; the other commands read it from the stack file (0600).
        api_key=secrets.token_urlsafe(24),
        namespace=args.namespace,
        # The worker has no fixed port of its own: any free one, printed with the others.
        worker_metrics_port=free_port(args.host),
        demo_receiver_port=free_port(args.host),
        allow_webhooks=tuple(args.allow_webhooks),
        sources_port=args.sources_port,
        feeds=tuple(args.feeds or ()),
    )
    options = Options(
        seeds=args.seeds,
        replay=not args.no_replay,
        duration=args.duration,
        exit_after_alerts=args.exit_after_alerts,
        demo_actors=tuple(args.actors or demo.DEMO_ACTORS),
        colour=colour_wanted(sys.stdout, disabled=args.no_colour),
        feed_every=args.feed_every,
    )
    config.log_dir.mkdir(parents=True, exist_ok=True)
    with (config.log_dir / "up.log").open("a", encoding="utf-8") as launcher_log:
        configure_logging(LogSettings(), stream=launcher_log)
        stop = threading.Event()

        def on_signal(signum: int, _frame: FrameType | None) -> None:
            if stop.is_set():
                sys.stdout.write("· still stopping, please wait\n")
            stop.set()

        # SIGHUP too: the children run in their own sessions, so a closed terminal would
        # otherwise leave them running.
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, on_signal)
        return Stack(config, options, sys.stdout, stop).run(os.environ)

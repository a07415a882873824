"""`claimwatch up`: the whole stack on this machine, with a demo follower and the seeds replayed."""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_BROKER_PORT = 9092
DEFAULT_REDIS_PORT = 6379


class UpSettings(BaseSettings):
    """What the environment may say about the stack: an existing Kafka or Redis to use."""

    model_config = SettingsConfigDict(env_prefix="CLAIMWATCH_", extra="ignore")

    kafka_bootstrap_servers: str | None = Field(default=None, description="Use this Kafka.")
    redis_url: str | None = Field(default=None, description="Use this Redis.")


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
        help="use this running Kafka (also CLAIMWATCH_KAFKA_BOOTSTRAP_SERVERS)",
    )
    parser.add_argument("--redis-url", help="use this running Redis (also CLAIMWATCH_REDIS_URL)")
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


def run(args: argparse.Namespace) -> int:
    from services.common.logs import configure_logging
    from services.common.settings import LogSettings
    from services.launcher import demo
    from services.launcher.plan import StackConfig
    from services.launcher.ports import free_port
    from services.launcher.stack import Options, Stack

    env = UpSettings()
    bootstrap = args.kafka or env.kafka_bootstrap_servers
    redis_url = args.redis_url or env.redis_url
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
        # never send to a server, and it is written nowhere else.
        api_key=secrets.token_urlsafe(24),
        namespace=args.namespace,
        # The worker has no fixed port of its own: any free one, printed with the others.
        worker_metrics_port=free_port(args.host),
        sources_port=args.sources_port,
        feeds=tuple(args.feeds or ()),
    )
    options = Options(
        seeds=args.seeds,
        replay=not args.no_replay,
        duration=args.duration,
        exit_after_alerts=args.exit_after_alerts,
        demo_actors=tuple(args.actors or demo.DEMO_ACTORS),
        colour=sys.stdout.isatty() and not args.no_colour and "NO_COLOR" not in os.environ,
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

"""`claimwatch bench e2e`: throughput, latency, CPU and memory of the whole stack on Kafka+Redis."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from services.common.settings import KafkaSettings, RedisSettings


class BenchSettings(BaseSettings):
    """The Kafka and Redis to run against (deploy/with-stack.sh --service-env sets both)."""

    model_config = SettingsConfigDict(
        env_prefix="CLAIMWATCH_", env_nested_delimiter="__", extra="ignore"
    )

    kafka: KafkaSettings = Field(default_factory=KafkaSettings)
    redis: RedisSettings = Field(default_factory=RedisSettings)
    # Where with-stack.sh ran the broker and Redis: their pid files give their CPU time.
    test_kafka_log: Path | None = None
    test_redis_dir: Path | None = None

    def infra_pid_files(self) -> dict[str, Path]:
        files = {}
        if self.test_kafka_log is not None:
            files["kafka"] = self.test_kafka_log.parents[1] / "kafka.pid"
        if self.test_redis_dir is not None:
            files["redis"] = self.test_redis_dir / "redis.pid"
        return files


def _workers(text: str) -> tuple[int, ...]:
    counts = tuple(int(part) for part in text.split(",") if part.strip())
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError("worker counts are positive integers, e.g. 1,2")
    return counts


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="articles to repeat")
    parser.add_argument(
        "--articles", type=int, default=440, help="articles per throughput run (default 440)"
    )
    parser.add_argument(
        "--workers", type=_workers, default=(1, 2), help="worker counts to run (default 1,2)"
    )
    parser.add_argument("--concurrency", type=int, default=4, help="POSTs in flight")
    parser.add_argument("--rate", type=float, default=5.0, help="latency run: articles/s")
    parser.add_argument(
        "--latency-seconds", type=float, default=30.0, help="latency run: how long to offer"
    )
    parser.add_argument(
        "--extract-words", type=int, default=30_000, help="words for the extraction ratio"
    )
    parser.add_argument("--no-extract", action="store_true", help="skip the extraction ratio")
    parser.add_argument(
        "--warmup-seconds", type=float, default=8.0, help="warm the broker first (0: don't)"
    )
    parser.add_argument("--timeout", type=float, default=240.0, help="give up a run after SECONDS")


def run(args: argparse.Namespace) -> int:
    from services.bench.e2e_proc import pid_in
    from services.bench.e2e_report import Machine, extract_line, phase_lines, summary
    from services.bench.e2e_run import E2EOptions, run_e2e
    from services.bench.e2e_warmup import warm_broker
    from services.ingest.sources import read_articles
    from services.launcher.errors import StartupError

    out = sys.stdout
    seeds = [r.article.to_article() for r in read_articles([args.seeds]) if r.ok]
    if not seeds:
        sys.stderr.write(f"bench e2e: no articles in {args.seeds}\n")
        return 1
    env = BenchSettings()
    opts = E2EOptions(
        bootstrap=env.kafka.bootstrap_servers,
        redis_url=env.redis.url,
        articles=args.articles,
        workers=args.workers,
        concurrency=args.concurrency,
        latency_rate=args.rate,
        latency_seconds=args.latency_seconds,
        timeout=args.timeout,
    )
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stop.set()
        raise KeyboardInterrupt  # unwinds into the finally blocks that stop every service

    signal.signal(signal.SIGTERM, on_signal)
    found = {name: pid_in(path) for name, path in env.infra_pid_files().items()}
    infra = {name: pid for name, pid in found.items() if pid is not None}
    load_before = os.getloadavg()[0]
    out.write(
        f"bench e2e: Kafka {opts.bootstrap}, Redis {opts.redis_url}; {len(seeds)} seed articles; "
        f"{os.cpu_count()} CPUs, load average {load_before:.2f}\n"
    )
    out.flush()
    phases = []
    extract = None
    try:
        if args.warmup_seconds > 0:
            sys.stderr.write(f"· warming the broker for {args.warmup_seconds:g} s\n")
            asyncio.run(warm_broker(opts.bootstrap, seconds=args.warmup_seconds))
        for phase in run_e2e(opts, seeds, infra_pids=infra, stop=stop, out=sys.stderr):
            phases.append(phase)
            out.write("".join(line + "\n" for line in phase_lines(phase)))
            out.flush()
        if not args.no_extract:
            from services.bench.extraction import bench_extract

            sys.stderr.write("· extraction ratio against a plain spaCy parse\n")
            extract = bench_extract(seeds, min_words=args.extract_words, rounds=3)
            out.write(extract_line(extract) + "\n")
    except (StartupError, TimeoutError, RuntimeError) as exc:
        sys.stderr.write(f"bench e2e: {exc}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("bench e2e: interrupted; every service it started is stopped\n")
        return 130
    machine = Machine(os.cpu_count() or 1, load_before, os.getloadavg()[0])
    out.write(summary(phases, extract, machine) + "\n")
    return 0

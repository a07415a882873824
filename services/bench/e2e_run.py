"""`claimwatch bench e2e` as a whole: one stack per worker count, timed runs, CPU and memory."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TextIO

import httpx
from redis.asyncio import Redis

from schemas.articles import Article
from services.bench.e2e_corpus import build_corpus
from services.bench.e2e_measure import (
    LatencyRun,
    latency,
    post_all,
    stages,
    subscribe,
    throughput,
)
from services.bench.e2e_proc import CpuUse, peak_rss_mb
from services.bench.e2e_progress import open_progress
from services.bench.e2e_receiver import running_receiver
from services.bench.e2e_stack import running_stack
from services.bench.e2e_stats import Throughput
from services.launcher.plan import StackConfig
from services.launcher.stack import Stack

# Latency articles are dated years after the throughput corpus, so novelty sees their acts anew.
LATENCY_ERA = timedelta(days=4 * 365)
# Every actor the seeds raise alerts for.
FOLLOWED = ("Russia", "China", "United States")


@dataclass(frozen=True)
class E2EOptions:
    bootstrap: str
    redis_url: str
    articles: int = 440
    workers: tuple[int, ...] = (1, 2)
    concurrency: int = 4
    latency_rate: float = 5.0
    latency_seconds: float = 30.0
    timeout: float = 240.0


@dataclass
class PhaseResult:
    workers: int
    throughput: Throughput
    latency: LatencyRun | None
    cpu: CpuUse
    peak_rss_mb: dict[str, float] = field(default_factory=dict)


async def _measure(
    config: StackConfig,
    seeds: Sequence[Article],
    opts: E2EOptions,
    workers: int,
    *,
    with_latency: bool,
    pids: Mapping[str, int],
    check: Callable[[], None],
    out: TextIO,
) -> tuple[Throughput, CpuUse, LatencyRun | None]:
    tag = config.namespace
    warmup = build_corpus(seeds, len(seeds), tag=f"{tag}-warm", start=-LATENCY_ERA)
    corpus = build_corpus(seeds, opts.articles, tag=tag)
    timeout = opts.timeout
    async with (
        open_progress(config.bootstrap) as progress,
        httpx.AsyncClient(
            base_url=config.ingest_url, timeout=30, headers={"X-API-Key": config.api_key}
        ) as client,
    ):
        progress.check = check
        redis = Redis.from_url(config.redis_url)
        try:
            await progress.wait_members(f"claimwatch-stream-{tag}", workers, timeout=120)
            await post_all(client, warmup, opts.concurrency)  # models warm, groups joined
            await progress.wait_drained(stages(config), timeout=timeout)
            out.write(f"· {workers} worker(s) ready; timing {len(corpus)} articles\n")
            out.flush()
            result, cpu = await throughput(
                client, progress, redis, config, corpus,
                pids=pids, concurrency=opts.concurrency, timeout=timeout,
            )  # fmt: skip
            if not with_latency:
                return result, cpu, None
            count = max(1, round(opts.latency_rate * opts.latency_seconds))
            paced = build_corpus(seeds, count, tag=f"{tag}-lat", start=LATENCY_ERA)
            out.write(f"· latency: {count} articles at {opts.latency_rate:g}/s\n")
            out.flush()
            async with running_receiver(config.host, config.demo_receiver_port) as arrivals:
                await subscribe(config.alerts_url, config.api_key, arrivals.url, FOLLOWED)
                lat = await latency(
                    client, progress, redis, config, arrivals, paced,
                    rate=opts.latency_rate, timeout=timeout,
                )  # fmt: skip
            return result, cpu, lat
        finally:
            await redis.aclose()


def all_alive(stack: Stack) -> None:
    """Raise when a service under test has exited: its figures would mean nothing."""
    for managed in stack.started:
        code = managed.exited()
        if code is not None:
            last = managed.log_tail(1).strip()[:300]
            raise RuntimeError(
                f"{managed.spec.name} exited (code {code}) during the run; {managed.log_path}: "
                f"{last}"
            )


def run_phase(
    opts: E2EOptions,
    seeds: Sequence[Article],
    workers: int,
    *,
    with_latency: bool,
    base_env: Mapping[str, str],
    infra_pids: Mapping[str, int],
    stop: threading.Event,
    out: TextIO,
) -> PhaseResult:
    """Start the services with `workers` workers, measure, read their peak memory, stop them."""
    with running_stack(
        opts.bootstrap, opts.redis_url, workers=workers, base_env=base_env, stop=stop, out=out
    ) as stack:
        services = {m.spec.name: m.pid for m in stack.started}
        pids = {**services, **infra_pids, "bench client": os.getpid()}
        tput, cpu, lat = asyncio.run(
            _measure(
                stack.config,
                seeds,
                opts,
                workers,
                with_latency=with_latency,
                pids=pids,
                check=lambda: all_alive(stack),
                out=out,
            )
        )
        rss = {}
        for name, pid in services.items():
            peak = peak_rss_mb(pid)
            if peak is not None:
                rss[name] = peak
    return PhaseResult(workers, tput, lat, cpu, rss)


def run_e2e(
    opts: E2EOptions,
    seeds: Sequence[Article],
    *,
    infra_pids: Mapping[str, int],
    stop: threading.Event,
    out: TextIO,
) -> Iterator[PhaseResult]:
    """One stack per worker count, in turn, each result as soon as it is measured; the latency
    run goes with the first."""
    for index, workers in enumerate(opts.workers):
        yield run_phase(
            opts,
            seeds,
            workers,
            with_latency=index == 0,
            base_env=os.environ,
            infra_pids=infra_pids,
            stop=stop,
            out=out,
        )

"""The timed runs against a running stack: throughput with a backlog, latency at a paced rate."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
from redis.asyncio import Redis

from schemas.articles import Article
from services.alerts.redis.keys import Keys
from services.bench.e2e_corpus import word_count
from services.bench.e2e_proc import CpuMeter, CpuUse
from services.bench.e2e_progress import Progress, Stage
from services.bench.e2e_receiver import Arrivals, article_of
from services.bench.e2e_stats import Latency, Throughput, match_latencies, summarise
from services.ingest.pacing import Pacer
from services.launcher.plan import StackConfig


def stages(config: StackConfig) -> list[Stage]:
    """The pipeline's consumer groups in order (group names as the launcher's plan sets them)."""
    worker = f"claimwatch-stream-{config.namespace}"
    return [
        Stage(worker, config.topic("articles")),
        Stage(worker, config.topic("claims")),
        Stage(f"claimwatch-alerts-{config.namespace}", config.topic("alerts")),
    ]


def body(article: Article) -> dict[str, Any]:
    return article.model_dump(mode="json", exclude_none=True)


async def post(client: httpx.AsyncClient, article: Article) -> None:
    response = await client.post("/articles", json=body(article))
    if response.status_code != 202:
        raise RuntimeError(f"ingest answered {response.status_code}: {response.text[:200]}")


async def post_all(
    client: httpx.AsyncClient, articles: Sequence[Article], concurrency: int
) -> None:
    """POST each article on its own, `concurrency` at a time, as a feed poller would."""
    queue = list(reversed(articles))

    async def poster() -> None:
        while queue:
            await post(client, queue.pop())

    await asyncio.gather(*(poster() for _ in range(concurrency)))


async def throughput(
    client: httpx.AsyncClient,
    progress: Progress,
    redis: Redis,
    config: StackConfig,
    corpus: Sequence[Article],
    *,
    pids: Mapping[str, int],
    concurrency: int,
    timeout: float,
) -> tuple[Throughput, CpuUse]:
    """Offer the whole corpus at once; the clock runs from the first POST until the last stage
    has committed everything. That overstates the time by up to the worker's commit interval,
    so the time of the last alert stored is kept too (which understates it when the last
    articles raise nothing). Also the CPU time each of `pids` used meanwhile."""
    meter = CpuMeter(pids)
    started, started_wall = time.monotonic(), time.time()
    await post_all(client, corpus, concurrency)
    posted = time.monotonic()
    done = await progress.wait_drained(stages(config), timeout=timeout)
    cpu = meter.stop()
    stored = [at for _, at in await stored_times(redis, config) if at >= started_wall]
    return Throughput(
        articles=len(corpus),
        words=sum(word_count(a) for a in corpus),
        seconds=done - started,
        post_seconds=posted - started,
        last_alert_seconds=max(stored) - started_wall if stored else None,
    ), cpu


@dataclass(frozen=True)
class LatencyRun:
    offered_per_s: float
    articles: int
    webhook: Latency | None  # POST sent -> webhook arrived, per delivery
    stored: Latency | None  # POST sent -> alert event stored in Redis, per event
    post: Latency  # POST sent -> 202 received
    articles_notified: int
    unmatched: int
    duplicates: int  # deliveries whose webhook-id arrived before


async def paced_posts(
    client: httpx.AsyncClient, articles: Sequence[Article], rate: float
) -> tuple[dict[str, float], list[float]]:
    """POST at `rate` per second on a fixed schedule (a slow answer delays no later article);
    returns (wall-clock send time per article id, each POST's answer time)."""
    pacer = Pacer(rate)
    sent: dict[str, float] = {}
    answered: list[float] = []

    async def one(article: Article, at: float) -> None:
        await post(client, article)
        answered.append(time.time() - at)

    tasks = []
    for article in articles:
        await pacer.wait()
        sent[article.id] = time.time()
        tasks.append(asyncio.create_task(one(article, sent[article.id])))
    await asyncio.gather(*tasks)
    return sent, answered


async def subscribe(alerts_url: str, api_key: str, webhook_url: str, actors: Sequence[str]) -> None:
    """One follower per actor, denials and warnings and their further reports, to one webhook."""
    async with httpx.AsyncClient(base_url=alerts_url, timeout=10) as client:
        for actor in actors:
            spec = {
                "actor": actor,
                "include_updates": True,
                "channels": [{"kind": "webhook", "url": webhook_url}],
            }
            response = await client.post(
                "/subscriptions", json=spec, headers={"X-API-Key": api_key}
            )
            response.raise_for_status()


async def stored_times(redis: Redis, config: StackConfig) -> list[tuple[str, float]]:
    """(article id, when stored) for every alert event in the service's event log: the log's
    entry ids are Redis's clock in milliseconds, on this same machine."""
    entries: Any = await redis.xrange(Keys(config.key_prefix).events())
    out = []
    for entry_id, fields in entries:
        millis = int(entry_id.decode().split("-")[0])
        event = json.loads(fields[b"data"])
        kind = "alert.source_attached" if event.get("kind") == "source_attached" else "alert.raised"
        found = article_of({"type": kind, "data": event})
        if found is not None:
            out.append((found, millis / 1000))
    return out


async def settle(arrivals: Arrivals, *, quiet: float, timeout: float) -> None:
    """Wait until no delivery has arrived for `quiet` seconds (deliveries trail the drain)."""
    deadline = time.monotonic() + timeout
    seen, last_change = -1, time.monotonic()
    while time.monotonic() < deadline:
        if len(arrivals.webhook_ids) != seen:
            seen, last_change = len(arrivals.webhook_ids), time.monotonic()
        elif time.monotonic() - last_change >= quiet:
            return
        await asyncio.sleep(0.1)


async def latency(
    client: httpx.AsyncClient,
    progress: Progress,
    redis: Redis,
    config: StackConfig,
    arrivals: Arrivals,
    articles: Sequence[Article],
    *,
    rate: float,
    timeout: float,
) -> LatencyRun:
    started = time.monotonic()
    sent, answered = await paced_posts(client, articles, rate)
    offered = len(articles) / (time.monotonic() - started)
    await progress.wait_drained(stages(config), timeout=timeout)
    await settle(arrivals, quiet=2.0, timeout=30.0)
    to_webhook, unmatched = match_latencies(sent, arrivals.deliveries)
    to_store, _ = match_latencies(sent, await stored_times(redis, config))
    return LatencyRun(
        offered_per_s=offered,
        articles=len(articles),
        webhook=summarise(to_webhook) if to_webhook else None,
        stored=summarise(to_store) if to_store else None,
        post=summarise(answered),
        articles_notified=len({a for a, _ in arrivals.deliveries if a in sent}),
        unmatched=unmatched,
        duplicates=len(arrivals.webhook_ids) - len(set(arrivals.webhook_ids)),
    )

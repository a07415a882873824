"""Pure figures for `claimwatch bench e2e`: percentiles, rates and latency summaries."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100) by the nearest-rank method: always one of the measured values.

    Nearest rank rather than interpolation, so a p99 is a latency some delivery really had
    (with fewer than 100 values it is the maximum, which is the honest answer).
    """
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= p <= 100:
        raise ValueError(f"percentile {p} is outside 0..100")
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Throughput:
    """Articles through the whole pipeline in one timed run."""

    articles: int
    words: int
    seconds: float  # first POST sent -> every effect of the last article visible
    post_seconds: float  # first POST sent -> last POST answered
    last_alert_seconds: float | None = None  # first POST sent -> last alert event stored

    @property
    def articles_per_s(self) -> float:
        return rate(self.articles, self.seconds)

    @property
    def words_per_s(self) -> float:
        return rate(self.words, self.seconds)

    @property
    def offered_per_s(self) -> float:
        """How fast ingest took the articles (it must be well above the pipeline's rate)."""
        return rate(self.articles, self.post_seconds)


def rate(count: int, seconds: float) -> float:
    if seconds <= 0:
        raise ValueError(f"a rate over {seconds} s is meaningless")
    return count / seconds


@dataclass(frozen=True)
class Latency:
    """Ingest POST -> webhook arrival, over every matched delivery, in seconds."""

    count: int
    p50: float
    p95: float
    p99: float
    max: float
    mean: float


def summarise(latencies: Sequence[float]) -> Latency:
    if not latencies:
        raise ValueError("no deliveries to summarise")
    return Latency(
        count=len(latencies),
        p50=percentile(latencies, 50),
        p95=percentile(latencies, 95),
        p99=percentile(latencies, 99),
        max=max(latencies),
        mean=sum(latencies) / len(latencies),
    )


def match_latencies(
    sent_at: dict[str, float], arrivals: Sequence[tuple[str, float]]
) -> tuple[list[float], int]:
    """(latency of each arrival whose article was sent, count of arrivals matching no article).

    `sent_at`: article id -> when its POST was sent; `arrivals`: (article id, arrival time),
    both on one clock.
    """
    latencies, unmatched = [], 0
    for article_id, arrived in arrivals:
        sent = sent_at.get(article_id)
        if sent is None:
            unmatched += 1
        else:
            latencies.append(arrived - sent)
    return latencies, unmatched


def cpu_bound_rate(cpu_seconds: Mapping[str, float], articles: int, *, cpus: int) -> float:
    """Articles/s that the measured CPU cost would allow on an otherwise idle machine (an
    estimate, not a measurement): each worker's GIL-bound extraction gets one core at most, and
    every process together gets `cpus` cores. `cpu_seconds`: process name -> CPU seconds used
    for `articles` articles; workers are the names starting with "worker"."""
    workers = [secs for name, secs in cpu_seconds.items() if name.startswith("worker")]
    total = sum(cpu_seconds.values())
    if not workers or total <= 0:
        raise ValueError("no worker CPU time measured")
    by_workers = len(workers) * articles / sum(workers)
    by_machine = cpus * articles / total
    return min(by_workers, by_machine)

"""What the ingest service measures, and its cached Kafka readiness check."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from prometheus_client import CollectorRegistry, Counter

from services.common.metrics import latency_histogram


class IngestMetrics:
    """Articles accepted and rejected (by reason) and publish latency, on one registry."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry
        self.accepted = Counter(
            "claimwatch_ingest_articles_accepted",
            "Articles acknowledged by Kafka.",
            ["via"],
            registry=registry,
        )
        self.rejected = Counter(
            "claimwatch_ingest_articles_rejected",
            "Articles (or request bodies that held none) refused, by reason.",
            ["via", "reason"],
            registry=registry,
        )
        self.publish_latency = latency_histogram(
            "claimwatch_ingest_publish_duration_seconds",
            "Time from handing articles to the producer until Kafka acknowledged them all.",
            registry,
        )


class CachedProbe:
    """Reuses a check's answer for `ttl` seconds; concurrent callers share one check."""

    def __init__(
        self,
        check: Callable[[], Awaitable[bool]],
        ttl: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._check = check
        self._ttl = ttl
        self._clock = clock
        self._answer: bool | None = None
        self._at = 0.0
        self._lock = asyncio.Lock()

    async def __call__(self) -> bool:
        if self._fresh():
            assert self._answer is not None
            return self._answer
        async with self._lock:
            if not self._fresh():  # another caller may have refreshed it while we waited
                self._answer = await self._check()
                self._at = self._clock()
            assert self._answer is not None
            return self._answer

    def _fresh(self) -> bool:
        return self._answer is not None and self._clock() - self._at < self._ttl

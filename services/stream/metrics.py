"""What a stream worker measures: the recorder the processors call, consumer lag, `/metrics`."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, Literal, Protocol

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server

from schemas.claims import Claim
from services.common.metrics import latency_histogram

log = logging.getLogger(__name__)

Outcome = Literal["ok", "dead_lettered"]
AlertKind = Literal["new", "further_report"]
# A topic-partition as a (topic, partition) pair: faust's TP is a NamedTuple of the two.
Partition = tuple[str, int]

# Seconds: a short article parses in ~10 ms, the seed in ~0.2 s, a long one in seconds.
EXTRACTION_BUCKETS: tuple[float, ...] = (
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
)  # fmt: skip
# Seconds from publication on `articles` to claims sent: includes waiting in the topic.
END_TO_END_BUCKETS: tuple[float, ...] = (
    0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 1800.0,
)  # fmt: skip


class StreamRecorder(Protocol):
    """What the processors report; they stay free of Prometheus and of clocks' side effects."""

    def article_processed(
        self, outcome: Outcome, *, published_at: datetime | None = None, now: datetime
    ) -> None: ...

    def claims_extracted(self, claims: Iterable[Claim]) -> None: ...

    def extraction_took(self, seconds: float) -> None: ...

    def alert_event(self, kind: AlertKind) -> None: ...

    def dead_lettered(self, stage: str) -> None: ...


class NoRecording:
    """The recorder for callers that measure nothing (tests, `claimwatch simulate`)."""

    def article_processed(
        self, outcome: Outcome, *, published_at: datetime | None = None, now: datetime
    ) -> None:
        return None

    def claims_extracted(self, claims: Iterable[Claim]) -> None:
        return None

    def extraction_took(self, seconds: float) -> None:
        return None

    def alert_event(self, kind: AlertKind) -> None:
        return None

    def dead_lettered(self, stage: str) -> None:
        return None


NO_RECORDING = NoRecording()


class StreamMetrics:
    """The worker's Prometheus series, all on one registry (one per worker process)."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry
        self.articles = Counter(
            "claimwatch_stream_articles_processed",
            "Articles taken from `articles`, by outcome (ok or dead_lettered).",
            ["outcome"],
            registry=registry,
        )
        self.claims = Counter(
            "claimwatch_stream_claims_extracted",
            "Claims extracted and sent to `claims`, by claim type.",
            ["type"],
            registry=registry,
        )
        self.alert_events = Counter(
            "claimwatch_stream_alert_events",
            "Alert events sent to `alerts`, by kind (new alert or further report).",
            ["kind"],
            registry=registry,
        )
        self.dead_letters = Counter(
            "claimwatch_stream_dead_letters",
            "Records sent to `dead-letters`, by the stage that refused them.",
            ["stage"],
            registry=registry,
        )
        self.extraction = Histogram(
            "claimwatch_stream_extraction_seconds",
            "Time to extract the claims of one article (parse and rules).",
            buckets=EXTRACTION_BUCKETS,
            registry=registry,
        )
        self.end_to_end = Histogram(
            "claimwatch_stream_article_latency_seconds",
            "From an article's ArticlePublished.occurred_at until its claims are sent.",
            buckets=END_TO_END_BUCKETS,
            registry=registry,
        )
        self.lag = Gauge(
            "claimwatch_stream_consumer_lag",
            "Messages behind the partition's end: highwater minus committed offset.",
            ["topic", "partition"],
            registry=registry,
        )
        self.lag_updates = latency_histogram(
            "claimwatch_stream_lag_update_seconds",
            "Time to read the consumer's offsets for the lag gauge.",
            registry,
        )
        self._lag_labels: set[tuple[str, str]] = set()

    def article_processed(
        self, outcome: Outcome, *, published_at: datetime | None = None, now: datetime
    ) -> None:
        self.articles.labels(outcome).inc()
        if published_at is not None:
            # Clocks of the publisher and the worker may disagree: never a negative latency.
            self.end_to_end.observe(max(0.0, (now - published_at).total_seconds()))

    def claims_extracted(self, claims: Iterable[Claim]) -> None:
        for claim in claims:
            self.claims.labels(str(claim.type)).inc()

    def extraction_took(self, seconds: float) -> None:
        self.extraction.observe(seconds)

    def alert_event(self, kind: AlertKind) -> None:
        self.alert_events.labels(kind).inc()

    def dead_lettered(self, stage: str) -> None:
        self.dead_letters.labels(stage).inc()

    def set_lags(self, lags: Mapping[Partition, int]) -> None:
        """Replace the lag gauge: partitions this worker no longer holds leave the output."""
        labels = {(topic, str(partition)) for topic, partition in lags}
        for stale in self._lag_labels - labels:
            self.lag.remove(*stale)
        for (topic, partition), lag in lags.items():
            self.lag.labels(topic, str(partition)).set(lag)
        self._lag_labels = labels


def consumer_lags(
    assigned: Iterable[Partition],
    highwater: Callable[[Any], int | None],
    committed: Mapping[Any, int | None],
) -> dict[Partition, int]:
    """Lag per assigned partition whose highwater and committed offset are both known.

    Kafka's committed offset is the next one to read, and the highwater the next one to be
    written, so their difference is the number of messages not yet processed. A partition
    without a commit yet (table changelogs are never committed) or not yet fetched is left
    out rather than guessed.
    """
    lags: dict[Partition, int] = {}
    for tp in assigned:
        end = highwater(tp)
        done = committed.get(tp)
        if end is None or done is None:
            continue
        lags[(tp[0], int(tp[1]))] = max(0, int(end) - int(done))
    return lags


def read_lags(consumer: Any) -> dict[Partition, int]:
    """The lags of a faust consumer; empty while it is not started or if faust hides offsets.

    Faust has no public accessor for its committed offsets (faust_internals reads them), so
    their absence is tolerated.
    """
    from faust.exceptions import NotReady  # heavy import: only a running worker gets here

    from services.stream.faust_internals import committed_offsets_if_shown

    committed = committed_offsets_if_shown(consumer)
    if committed is None:
        return {}

    def highwater(tp: Any) -> int | None:
        try:
            value = consumer.highwater(tp)
        # aiokafka asserts the partition is assigned: it may be revoked since assignment().
        except (AssertionError, NotReady):
            return None
        return value if isinstance(value, int) else None

    try:
        assigned = consumer.assignment()
    except NotReady:  # the consumer thread has not started yet
        return {}
    return consumer_lags(assigned, highwater, committed)


def serve(registry: CollectorRegistry, host: str, port: int) -> None:
    """Serve `registry` at http://host:port/metrics from a daemon thread (port 0: not at all)."""
    if port == 0:
        return
    url = f"http://{host}:{port}/metrics"
    try:
        start_http_server(port, addr=host, registry=registry)
    except OSError as exc:
        # A second worker on one host with the same settings is the documented way to scale
        # out: it keeps processing, without metrics, rather than dying on the port.
        log.warning(
            "worker metrics not served: %s; set CLAIMWATCH_METRICS_PORT to a free port "
            "(or 0 to turn them off)",
            exc,
            extra={"url": url},
        )
        return
    log.info("worker metrics served on %s", url, extra={"url": url})

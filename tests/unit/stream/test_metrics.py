"""The worker's metrics: what the processors record, and consumer lag from a consumer's offsets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from faust.exceptions import ConsumerNotStarted

from schemas.articles import Article, ArticlePublished
from schemas.claims import Claim, ClaimType
from services.common.kafka import encode
from services.common.metrics import new_registry
from services.stream.metrics import StreamMetrics, consumer_lags, read_lags
from services.stream.processors import Record, extract_claims, spot_new_claims
from services.stream.settings import NoveltySettings
from tests.support.factories import claim_in

NOW = datetime(2031, 6, 1, 12, 0, tzinfo=UTC)
TEXT = (
    "The port authority denied that the tanker had docked without a permit. "
    "The pilots warned of strikes."
)
ARTICLE = Article(id="port-1", source="Bay Herald", title="Port row", text=TEXT)


async def fake_extract(article: Article) -> list[Claim]:
    return [
        claim_in(article, TEXT.split(". ")[0] + ".", "Port Authority", ClaimType.DENIAL),
        claim_in(article, "The pilots warned of strikes.", "Pilots Guild", ClaimType.WARNING),
    ]


async def broken_extract(article: Article) -> list[Claim]:
    raise RuntimeError("parser fell over")


def article_record(article: Article) -> Record:
    published = ArticlePublished(article=article)
    return Record(topic="articles", value=encode(published), key=article.id.encode())


ARTICLES = "claimwatch_stream_articles_processed_total"


class TP(NamedTuple):  # the shape of faust's TP
    topic: str
    partition: int


def value(metrics: StreamMetrics, name: str, **labels: str) -> float:
    found = metrics.registry.get_sample_value(name, labels)
    return 0.0 if found is None else found


async def test_a_processed_article_counts_its_claims_by_type_and_its_latencies() -> None:
    metrics = StreamMetrics(new_registry())
    outs = await extract_claims(article_record(ARTICLE), extract=fake_extract, recorder=metrics)
    assert len(outs) == 2
    assert value(metrics, "claimwatch_stream_articles_processed_total", outcome="ok") == 1
    assert (
        value(metrics, "claimwatch_stream_articles_processed_total", outcome="dead_lettered") == 0
    )
    assert value(metrics, "claimwatch_stream_claims_extracted_total", type="denial") == 1
    assert value(metrics, "claimwatch_stream_claims_extracted_total", type="warning") == 1
    assert value(metrics, "claimwatch_stream_extraction_seconds_count") == 1
    assert value(metrics, "claimwatch_stream_article_latency_seconds_count") == 1


async def test_an_article_that_fails_counts_as_dead_lettered_with_its_stage() -> None:
    metrics = StreamMetrics(new_registry())
    await extract_claims(article_record(ARTICLE), extract=broken_extract, recorder=metrics)
    garbage = Record(topic="articles", value=b"not json")
    await extract_claims(garbage, extract=fake_extract, recorder=metrics)
    assert (
        value(metrics, "claimwatch_stream_articles_processed_total", outcome="dead_lettered") == 2
    )
    assert value(metrics, "claimwatch_stream_articles_processed_total", outcome="ok") == 0
    assert value(metrics, "claimwatch_stream_dead_letters_total", stage="extract_claims") == 2
    assert value(metrics, "claimwatch_stream_extraction_seconds_count") == 0


async def test_alert_events_are_counted_new_then_further_report() -> None:
    metrics = StreamMetrics(new_registry())
    table: dict[bytes, bytes] = {}
    novelty = NoveltySettings()
    first = await extract_claims(article_record(ARTICLE), extract=fake_extract)
    other = ARTICLE.model_copy(update={"id": "port-2", "source": "Quay Daily"})
    second = await extract_claims(article_record(other), extract=fake_extract)
    for out in first + second:
        record = Record(topic="claims", value=out.value, key=(out.key or "").encode())
        spot_new_claims(record, recent_acts=table, novelty=novelty, now=NOW, recorder=metrics)
    spot_new_claims(
        Record(topic="claims", value=b"{}"),
        recent_acts=table,
        novelty=novelty,
        now=NOW,
        recorder=metrics,
    )
    assert value(metrics, "claimwatch_stream_alert_events_total", kind="new") == 2
    assert value(metrics, "claimwatch_stream_alert_events_total", kind="further_report") == 2
    assert value(metrics, "claimwatch_stream_dead_letters_total", stage="spot_new_claims") == 1


def test_end_to_end_latency_is_never_negative_under_clock_skew() -> None:
    metrics = StreamMetrics(new_registry())
    metrics.article_processed("ok", published_at=NOW + timedelta(seconds=5), now=NOW)
    metrics.article_processed("ok", published_at=NOW - timedelta(seconds=3), now=NOW)
    assert value(metrics, "claimwatch_stream_article_latency_seconds_sum") == 3.0
    assert value(metrics, "claimwatch_stream_article_latency_seconds_bucket", le="0.01") == 1


def test_lag_is_highwater_minus_committed_for_partitions_with_both() -> None:
    highwaters = {TP("articles", 0): 10, TP("articles", 1): 4, TP("claims", 0): None}
    committed = {TP("articles", 0): 7, TP("articles", 1): 6, TP("claims", 0): 2}
    assigned = [*highwaters, TP("changelog", 0)]  # a changelog is never committed
    lags = consumer_lags(assigned, highwaters.get, committed)
    assert lags == {("articles", 0): 3, ("articles", 1): 0}


def test_lag_gauge_drops_partitions_the_worker_no_longer_holds() -> None:
    metrics = StreamMetrics(new_registry())
    metrics.set_lags({("articles", 0): 3, ("articles", 1): 5})
    metrics.set_lags({("articles", 1): 1})
    lag = "claimwatch_stream_consumer_lag"
    assert metrics.registry.get_sample_value(lag, {"topic": "articles", "partition": "0"}) is None
    assert value(metrics, lag, topic="articles", partition="1") == 1


class FakeConsumer:
    """The parts of faust's consumer that `read_lags` uses."""

    def __init__(self, assigned: set[TP] | None, highwaters: dict[TP, int]) -> None:
        self._assigned = assigned
        self._highwaters = highwaters
        self._committed_offset: dict[Any, int | None] = {tp: 1 for tp in highwaters}

    def assignment(self) -> set[TP]:
        if self._assigned is None:
            raise ConsumerNotStarted("Consumer thread not yet started")
        return self._assigned

    def highwater(self, tp: TP) -> int:
        assert tp in self._highwaters, "Partition is not assigned"  # as aiokafka does
        return self._highwaters[tp]


def test_read_lags_tolerates_a_consumer_not_started_or_revoked_partitions() -> None:
    held = TP("articles", 0)
    assert read_lags(FakeConsumer(None, {held: 9})) == {}
    revoked = TP("articles", 1)
    consumer = FakeConsumer({held, revoked}, {held: 9})
    consumer._committed_offset[revoked] = 0
    assert read_lags(consumer) == {("articles", 0): 8}
    assert read_lags(object()) == {}  # a faust without the private offsets map

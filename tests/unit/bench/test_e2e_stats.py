"""The end-to-end benchmark's pure figures: percentiles, rates, latency matching, lag."""

from __future__ import annotations

import pytest
from aiokafka import TopicPartition

from services.bench.e2e_progress import lag
from services.bench.e2e_receiver import article_of
from services.bench.e2e_stats import (
    Throughput,
    cpu_bound_rate,
    match_latencies,
    percentile,
    rate,
    summarise,
)


def test_percentile_is_a_measured_value_by_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]  # 1..100, shuffled order must not matter
    shuffled = values[::2] + values[1::2]
    assert percentile(shuffled, 50) == 50.0
    assert percentile(shuffled, 95) == 95.0
    assert percentile(shuffled, 99) == 99.0
    assert percentile(shuffled, 100) == 100.0
    assert percentile(shuffled, 0) == 1.0


def test_p99_of_fewer_than_a_hundred_values_is_the_maximum() -> None:
    values = [0.2, 0.1, 0.9, 0.3, 0.4]
    assert percentile(values, 99) == 0.9
    assert percentile(values, 50) == 0.3  # rank ceil(2.5) = 3 of the sorted values


def test_percentile_refuses_no_values_and_out_of_range() -> None:
    with pytest.raises(ValueError, match="no values"):
        percentile([], 50)
    with pytest.raises(ValueError, match="outside"):
        percentile([1.0], 101)


def test_rates_divide_by_the_measured_seconds() -> None:
    t = Throughput(articles=340, words=68_000, seconds=20.0, post_seconds=2.0)
    assert t.articles_per_s == 17.0
    assert t.words_per_s == 3_400.0
    assert t.offered_per_s == 170.0
    with pytest.raises(ValueError):
        rate(10, 0.0)


def test_summary_of_latencies() -> None:
    lat = summarise([0.5, 0.1, 0.2, 0.4, 0.3])
    assert (lat.count, lat.p50, lat.p95, lat.p99, lat.max) == (5, 0.3, 0.5, 0.5, 0.5)
    assert lat.mean == pytest.approx(0.3)
    with pytest.raises(ValueError):
        summarise([])


def test_each_delivery_is_matched_to_its_articles_post_time() -> None:
    sent = {"a": 100.0, "b": 100.2}
    arrivals = [("a", 100.3), ("b", 100.4), ("a", 100.5), ("zzz", 101.0)]
    latencies, unmatched = match_latencies(sent, arrivals)
    assert latencies == pytest.approx([0.3, 0.2, 0.5])
    assert unmatched == 1


def test_webhook_bodies_name_their_article() -> None:
    raised = {"type": "alert.raised", "data": {"alert": {"first_source": {"article_id": "x1"}}}}
    attached = {
        "type": "alert.source_attached",
        "data": {"alert": {"first_source": {"article_id": "x1"}}, "source": {"article_id": "x2"}},
    }
    assert article_of(raised) == "x1"
    assert article_of(attached) == "x2"  # the further report, not the alert's first source
    assert article_of({"type": "alert.raised", "data": "nonsense"}) is None


def test_lag_counts_uncommitted_messages_and_never_committed_partitions() -> None:
    p0, p1, p2 = (TopicPartition("articles", p) for p in range(3))
    ends = {p0: 10, p1: 5, p2: 0}
    assert lag(ends, {p0: 10, p1: 5}) == 0  # p2 is empty: nothing to commit there
    assert lag(ends, {p0: 7}) == 3 + 5
    assert lag(ends, {p0: 12, p1: 5}) == 0  # a commit past the end read earlier is done


def test_cpu_bound_rate_is_the_tighter_of_worker_cores_and_all_cores() -> None:
    # 100 articles: one worker used 3 s (30 ms each), everything else 2 s more.
    one = {"worker": 3.0, "kafka": 1.0, "alerts": 1.0}
    assert cpu_bound_rate(one, 100, cpus=2) == pytest.approx(100 / 3.0)  # one core for the worker
    # Two workers sharing the same work: the machine's two cores are the limit.
    two = {"worker": 1.5, "worker-2": 1.5, "kafka": 1.0, "alerts": 1.0}
    assert cpu_bound_rate(two, 100, cpus=2) == pytest.approx(2 * 100 / 5.0)
    with pytest.raises(ValueError):
        cpu_bound_rate({"kafka": 1.0}, 100, cpus=2)

"""The watchdog's decision: stalled only when two looks agree a fetched record is lost."""

from __future__ import annotations

from faust.types import TP

from services.stream.stall_watchdog import PartitionLook, StallWatchdog, is_stalled

ARTICLES = TP("articles", 0)
CLAIMS = TP("claims", 1)


def look(next_offset: int, position: int, *, taken: bool = False) -> PartitionLook:
    return PartitionLook(next_offset=next_offset, position=position, next_taken=taken)


def test_a_record_fetched_and_never_taken_at_two_looks_is_a_stall() -> None:
    assert is_stalled(look(1, 12), look(1, 12))


def test_new_records_fetched_behind_the_lost_one_do_not_hide_it() -> None:
    # Later records keep arriving and being processed; the commit cannot pass the lost one.
    assert is_stalled(look(1, 12), look(1, 30))


def test_one_look_is_never_enough() -> None:
    assert not is_stalled(None, look(1, 12))


def test_a_moving_commit_is_progress() -> None:
    assert not is_stalled(look(1, 12), look(2, 12))


def test_a_record_being_processed_or_acked_is_not_lost() -> None:
    assert not is_stalled(look(1, 12, taken=True), look(1, 12, taken=True))
    assert not is_stalled(look(1, 12), look(1, 12, taken=True))
    assert not is_stalled(look(1, 12, taken=True), look(1, 12))


def test_a_caught_up_partition_is_not_stalled() -> None:
    assert not is_stalled(look(12, 12), look(12, 12))


def test_a_record_fetched_only_since_the_last_look_gets_another_interval() -> None:
    # It may still be on its way from the fetcher to the agent's queue.
    assert not is_stalled(look(12, 12), look(12, 13))


def test_the_watchdog_names_stalled_partitions_and_needs_two_fresh_looks_after_a_rewind() -> None:
    watchdog = StallWatchdog()
    assert watchdog.stalled({ARTICLES: look(1, 12), CLAIMS: look(5, 5)}) == []
    assert watchdog.stalled({ARTICLES: look(1, 12), CLAIMS: look(5, 9)}) == [ARTICLES]
    # Rewound: the next look alone does not call it stalled again.
    assert watchdog.stalled({ARTICLES: look(1, 12), CLAIMS: look(5, 9)}) == [CLAIMS]
    assert watchdog.stalled({ARTICLES: look(1, 12)}) == [ARTICLES]


def test_a_rebalance_in_between_forgets_every_look() -> None:
    watchdog = StallWatchdog()
    watchdog.stalled({ARTICLES: look(1, 12)})
    watchdog.forget()
    assert watchdog.stalled({ARTICLES: look(1, 12)}) == []

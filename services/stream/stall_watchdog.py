"""Watchdog: rewinds a source partition whose next record was fetched but never delivered."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import faust
from aiokafka.errors import ConsumerStoppedError, KafkaError
from faust.exceptions import ConsumerNotStarted
from faust.types import TP

from services.stream import faust_internals

log = logging.getLogger(__name__)

# Faust acks in order and commits only up to the first record not acked, so a record it
# fetched and then lost on the way to its agent (faust-streaming issue #596; recovery_race.py
# closes the one window we met) stalls its partition's commits until the next rebalance, and
# on a quiet partition stops processing too. Every record below the fetch position was handed
# to faust; so if, at two looks one interval apart, the committed offset has not moved, the
# record at it was already fetched, and no agent holds or has acked it, that record is lost:
# the partition is sought back to it (never forward), with a warning, and faust fetches it
# again. At worst (a record held up longer than an interval between fetch and queue) a rewind
# re-delivers records, which deterministic ids make harmless.
# Not seen from here: faust's gap check (`min(acked) - committed > 1`) commits past ONE lost
# record once the record after it is acked; that loss leaves no stall to detect.

# How long one look may wait for the consumer thread (position, earliest offsets).
LOOK_TIMEOUT_S = 5.0
# What a look or a rewind can meet when a rebalance starts under it: it is tried next time.
# (An exception escaping a faust timer would end the timer.)
REBALANCE_ERRORS = (TimeoutError, KafkaError, ConsumerNotStarted, ConsumerStoppedError)


@dataclass(frozen=True)
class PartitionLook:
    """One look at an assigned source partition."""

    next_offset: int  # the committed offset: the first record the group still needs
    position: int  # the fetch position: every record below it was handed to faust
    next_taken: bool  # an agent is processing the record at next_offset, or has acked it

    @property
    def next_fetched_untaken(self) -> bool:
        return self.position > self.next_offset and not self.next_taken


def is_stalled(before: PartitionLook | None, now: PartitionLook) -> bool:
    """The needed record was fetched at both looks, the commit did not move, no agent took it."""
    return (
        before is not None
        and before.next_offset == now.next_offset
        and before.next_fetched_untaken
        and now.next_fetched_untaken
    )


class StallWatchdog:
    """Remembers the previous look at each partition; says which are stalled now."""

    def __init__(self) -> None:
        self._last: dict[TP, PartitionLook] = {}

    def stalled(self, looks: Mapping[TP, PartitionLook]) -> list[TP]:
        found = [tp for tp, look in looks.items() if is_stalled(self._last.get(tp), look)]
        # A partition no longer looked at (revoked) is forgotten; a rewound one needs two
        # fresh looks before it can be called stalled again.
        self._last = {tp: look for tp, look in looks.items() if tp not in found}
        return found

    def forget(self) -> None:
        """During a rebalance or recovery nothing is compared across it."""
        self._last.clear()


def watch_for_stalls(app: faust.App, topics: Collection[str], interval_s: float) -> None:
    """Check the agents' source partitions of `topics` every `interval_s` seconds."""
    watchdog = StallWatchdog()

    async def check_for_stalled_partitions() -> None:
        if _settling(app):
            watchdog.forget()
            return
        try:
            looks = await look_at(app, topics)
        except REBALANCE_ERRORS as exc:
            log.debug("stall check skipped: %r", exc)
            watchdog.forget()
            return
        for tp in watchdog.stalled(looks):
            look = looks[tp]
            if _settling(app):
                return
            log.warning(
                "stream partition stalled: its next record was fetched but never reached "
                "its agent; rewinding to it",
                extra={
                    "topic": tp.topic,
                    "partition": tp.partition,
                    "committed": look.next_offset,
                    "position": look.position,
                },
            )
            try:
                await app.consumer.seek_wait({tp: look.next_offset})
            except REBALANCE_ERRORS as exc:
                log.debug("rewind skipped: %r", exc)

    app.timer(interval_s, name="check_for_stalled_partitions")(check_for_stalled_partitions)


def _settling(app: faust.App) -> bool:
    consumer: Any = app.consumer
    return bool(
        app.rebalancing
        or app.in_recovery
        or not app.flow_control.is_active()
        or not consumer.flow_active
    )


async def look_at(app: faust.App, topics: Collection[str]) -> dict[TP, PartitionLook]:
    """A look at each assigned partition of `topics`, from faust's consumer bookkeeping."""
    # Faust has no public reading of its committed offsets, acked offsets or messages in
    # flight: faust_internals reads them.
    consumer: Any = app.consumer
    looks: dict[TP, PartitionLook] = {}
    tps = [tp for tp in consumer.assignment() if tp.topic in topics]
    committed: Mapping[TP, int | None] = faust_internals.committed_offsets(consumer)
    unknown = [tp for tp in tps if committed.get(tp) is None]
    # Nothing committed yet: the group starts at the partition's earliest record.
    earliest: Mapping[TP, int] = {}
    if unknown:
        earliest = await asyncio.wait_for(
            consumer.earliest_offsets(*unknown), timeout=LOOK_TIMEOUT_S
        )
    in_flight = {
        (m.tp, m.offset) for m in faust_internals.unacked_messages(consumer) if not m.acked
    }
    for tp in tps:
        next_offset = committed.get(tp)
        if next_offset is None:
            next_offset = earliest.get(tp)
        if next_offset is None:
            continue
        position = await asyncio.wait_for(consumer.position(tp), timeout=LOOK_TIMEOUT_S)
        if position is None:
            continue
        acked = faust_internals.acked_offsets(consumer, tp)
        taken = (tp, next_offset) in in_flight or next_offset in acked
        looks[tp] = PartitionLook(next_offset=next_offset, position=position, next_taken=taken)
    return looks

"""Every use of faust-streaming's private state, in one place.

Faust has no public reading of the offsets it committed, the records it has in flight or the
offsets it acked, and the recovery hold (recovery_race.py) relies on the order in which faust
resumes the streams after recovery. All of it was read from faust-streaming CHECKED_VERSION's
source (faust/transport/consumer.py, faust/tables/recovery.py); tests/unit/stream/
test_faust_internals.py fails if the installed version differs or the attributes are gone, so
an upgrade means re-reading only what this module names.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection, Coroutine, Iterable, Mapping
from typing import Any

import faust
from faust.types import TP

CHECKED_VERSION = "0.15.3"  # pinned in pyproject.toml; update both together
# The consumer's private attributes read here (faust.transport.consumer.Consumer.__init__).
CONSUMER_ATTRIBUTES = ("_committed_offset", "_unacked_messages", "_acked_index")


def committed_offsets(consumer: Any) -> Mapping[TP, int | None]:
    """Offsets faust committed (or found committed on assignment), by partition."""
    committed: Mapping[TP, int | None] = consumer._committed_offset
    return committed


def committed_offsets_if_shown(consumer: Any) -> Mapping[TP, int | None] | None:
    """committed_offsets, or None where faust hides them (a consumer not built by faust)."""
    committed: Mapping[TP, int | None] | None = getattr(consumer, "_committed_offset", None)
    return committed


def unacked_messages(consumer: Any) -> Iterable[Any]:
    """Messages handed to a stream and not yet acked (each has .tp, .offset and .acked)."""
    return list(consumer._unacked_messages)


def acked_offsets(consumer: Any, tp: TP) -> Collection[int]:
    """Offsets of `tp` acked but not yet committed (faust commits only a contiguous run)."""
    acked: Collection[int] = consumer._acked_index.get(tp, ())
    return acked


def connect_before_streams_resume(
    app: faust.App, handler: Callable[..., Coroutine[Any, Any, None]]
) -> None:
    """Call `handler(app)` after recovery, before faust resumes flow and empties agent queues.

    faust's `Recovery.on_recovery_completed` sends `app.on_rebalance_complete` and only later
    calls `app.flow_control.resume()`; the hold in recovery_race.py relies on that order.
    """
    app.on_rebalance_complete.connect(handler)


async def until_producer_knows(app: faust.App, topic: str, *, poll_s: float = 0.1) -> None:
    """Wait until the producer's cluster metadata lists `topic`.

    faust hashes a table write's key to a changelog partition from that metadata and raises
    TypeError (aiokafka's `partitions_for_topic` is None) when the changelog topic, created at
    startup, is not in it yet: seen when the reorder timer wrote before the first update. The
    producer is faust's aiokafka driver's `_producer`; its client is aiokafka's.
    """
    client = app.producer._ensure_producer().client  # type: ignore[attr-defined]
    while client.cluster.partitions_for_topic(topic) is None:
        client.add_topic(topic)
        await client.force_metadata_update()
        if client.cluster.partitions_for_topic(topic) is None:
            await asyncio.sleep(poll_s)

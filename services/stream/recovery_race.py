"""Holds record delivery while faust resumes the streams after table recovery (a dropping race)."""

from __future__ import annotations

import logging
from typing import Any

import faust

from services.stream.faust_internals import connect_before_streams_resume

log = logging.getLogger(__name__)

# A worker that must restore its table from the changelog starts faust's fetcher early and
# resumes flow so that it can read the changelog (and after any later rebalance the fetcher is
# still running). Then faust-streaming 0.15.3's `Recovery.on_recovery_completed` resumes the
# stream partitions and awaits the seek to their committed offsets, and only then calls
# `app.flow_control.resume()`, which empties every agent's queue (faust makes them
# `clear_on_resume`). Records the running fetcher handed to the agents in between are thrown
# away, yet the Kafka client's position has passed them: nothing fetches them again until the
# next rebalance, and the committed offset stays behind. On the one-partition `articles`
# topic all pending articles come in one fetch, so the extract agent sat idle (2 restarts in
# 10 on Apache Kafka 4.4.0; faust-streaming issue #596 describes this race).
#
# That method first sends `app.on_rebalance_complete`. Suspending flow control there makes the
# conductor hold each record it is given (`flow_control.acquire()`) instead of queueing it, and
# `resume()` empties the queues before it lets the held records through. Every sender of this
# signal resumes flow control afterwards, or a new rebalance starts that resumes it itself.
# The order relied on is checked in faust_internals.py.


def hold_deliveries_until_streams_resume(app: faust.App) -> None:
    """Connect the hold to `app`: call once, when the app is built."""
    connect_before_streams_resume(app, _suspend_flow)


async def _suspend_flow(sender: Any, **_: Any) -> None:
    app: faust.App = sender  # the signal is bound to the app (its default sender)
    log.debug("holding record delivery until recovery resumes the streams")
    app.flow_control.suspend()

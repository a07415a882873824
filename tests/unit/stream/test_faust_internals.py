"""Faust's private state the worker reads is still there: fails loudly on a faust upgrade.

If a test here fails after changing faust-streaming, re-read what services/stream/
faust_internals.py names in the new version's source, adapt it, then bump CHECKED_VERSION.
The checks read faust's source: building a real consumer starts a thread with its own loop.
"""

from __future__ import annotations

import inspect
from importlib.metadata import version
from types import SimpleNamespace

import pytest
from faust.tables.recovery import Recovery
from faust.transport.consumer import Consumer
from faust.types import TP

from services.stream import faust_internals


def test_the_installed_faust_is_the_version_the_internals_were_checked_against() -> None:
    assert version("faust-streaming") == faust_internals.CHECKED_VERSION


@pytest.mark.parametrize("attribute", faust_internals.CONSUMER_ATTRIBUTES)
def test_the_consumer_still_sets_the_private_attribute(attribute: str) -> None:
    source = inspect.getsource(Consumer.__init__)
    assert f"self.{attribute} =" in source or f"self.{attribute}:" in source, (
        f"faust's Consumer no longer sets {attribute}"
    )


def test_the_readers_read_those_attributes() -> None:
    tp = TP("articles", 0)
    message = SimpleNamespace(tp=tp, offset=4, acked=False)
    consumer = SimpleNamespace(
        _committed_offset={tp: 3}, _unacked_messages=[message], _acked_index={tp: {5}}
    )
    assert faust_internals.committed_offsets(consumer) == {tp: 3}
    assert faust_internals.committed_offsets_if_shown(consumer) == {tp: 3}
    assert list(faust_internals.unacked_messages(consumer)) == [message]
    assert faust_internals.acked_offsets(consumer, tp) == {5}
    assert faust_internals.acked_offsets(consumer, TP("articles", 1)) == ()


def test_a_consumer_that_hides_its_offsets_reads_as_none() -> None:
    assert faust_internals.committed_offsets_if_shown(object()) is None
    with pytest.raises(AttributeError):
        faust_internals.committed_offsets(object())


def test_recovery_signals_rebalance_complete_before_it_resumes_flow() -> None:
    """The order recovery_race.py's hold relies on (faust/tables/recovery.py)."""
    source = inspect.getsource(Recovery.on_recovery_completed)
    signal = source.find("on_rebalance_complete.send")
    resume = source.find("flow_control.resume()")
    assert signal != -1, "Recovery.on_recovery_completed no longer sends on_rebalance_complete"
    assert resume != -1, "Recovery.on_recovery_completed no longer resumes flow control"
    assert signal < resume


async def test_until_producer_knows_waits_for_the_topics_metadata() -> None:
    # the producer knows the changelog topic only after two metadata updates
    known: dict[str, set[int]] = {}
    asked: list[str] = []

    class Cluster:
        def partitions_for_topic(self, topic: str) -> set[int] | None:
            return known.get(topic)

    class Client:
        cluster = Cluster()

        def add_topic(self, topic: str) -> None:
            asked.append(topic)

        async def force_metadata_update(self) -> None:
            if len(asked) >= 2:
                known["t-changelog"] = {0, 1}

    class Producer:
        client = Client()

    app = SimpleNamespace(producer=SimpleNamespace(_ensure_producer=lambda: Producer()))
    await faust_internals.until_producer_knows(app, "t-changelog", poll_s=0)  # type: ignore[arg-type]
    assert known["t-changelog"] == {0, 1} and asked == ["t-changelog", "t-changelog"]

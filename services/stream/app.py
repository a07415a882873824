"""The Faust app: topics, the `recent_acts_by_actor` table, and the agents bound to the processors.

Choices, and why:
- Agent concurrency is 1. With concurrency > 1 faust-streaming acks messages out of order
  and can commit an offset past one still being processed (faust-streaming issues #606 and
  robinhood/faust #682, open), losing it on a crash; order per actor also matters to novelty.
  Throughput comes from partitions and workers instead.
- At-least-once: faust acks a message when the agent takes the next one, and before each
  commit it flushes the producer, so every sent claim or alert is on the broker before the
  offset that caused it is committed. A crash redelivers; decisions and ids are deterministic,
  so a redelivered message re-sends identical events (downstream dedups by id).
- No idempotent producer: faust only turns it on with exactly-once transactions, which the
  Tansu broker cannot do either; deterministic ids make duplicates harmless instead.
- Claims are decided in event time, not arrival order: `spot_new_claims` holds each claim in
  a per-actor reorder buffer (event_order.py) and acks it only once decided and sent, and
  only after every earlier claim of its partition (faust steps over one unacked offset), so a
  crash redelivers what was held. A timer releases what has waited its window. The
  table therefore uses the producer's partitioner (keyed by actor like `claims`) rather than
  the partition of the current event, which a timer does not have.
- Extraction (spaCy parsing, CPU-bound) runs in a one-thread executor: the event loop keeps
  sending heartbeats and commits while an article is parsed, and one thread keeps the
  extractor's cross-article memory in one place and the output in input order.
- Topics carry bytes (`value_type=bytes`): decoding stays in services/common/kafka.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Executor
from datetime import UTC, datetime
from typing import Any

import faust

from schemas.articles import Article
from schemas.claims import Claim
from services.stream import faust_internals, processors
from services.stream.event_order import AckOrder, ReorderBuffer
from services.stream.metrics import NO_RECORDING, StreamRecorder
from services.stream.processors import Out, Record
from services.stream.recovery_race import hold_deliveries_until_streams_resume
from services.stream.settings import Settings
from services.stream.stall_watchdog import watch_for_stalls

TABLE_NAME = "recent_acts_by_actor"


def create_app(
    settings: Settings,
    *,
    extract: Callable[[Article], list[Claim]],
    executor: Executor | None = None,
    recorder: StreamRecorder = NO_RECORDING,
) -> faust.App:
    """The worker app; `extract` is the extraction library's `Extractor.extract` (or a fake)."""
    f = settings.faust
    app = faust.App(
        f.app_id,
        broker=_broker_url(settings.kafka.bootstrap_servers),
        store=f.store,
        datadir=f.datadir,
        key_serializer="raw",
        value_serializer="raw",
        topic_partitions=settings.topics.partitions,
        topic_replication_factor=settings.topics.replication_factor,
        processing_guarantee="at_least_once",
        producer_acks=-1,
        broker_commit_interval=f.commit_interval_s,
        broker_rebalance_timeout=f.rebalance_timeout_s,
        broker_session_timeout=f.session_timeout_s,
        broker_heartbeat_interval=f.heartbeat_interval_s,
        broker_request_timeout=settings.kafka.request_timeout_ms / 1000,
        # A new consumer group starts from the beginning: no article published before the
        # first worker came up is skipped.
        consumer_auto_offset_reset="earliest",
        web_enabled=f.web_enabled,
        web_port=f.web_port,
        web_bind=f.web_host,
        # Recovery must not count in-flight messages as done: leave the defaults on waiting
        # for stream buffers to empty before a rebalance commits.
        stream_wait_empty=True,
    )
    # Without this, a worker that restored its table could drop the records fetched while
    # faust resumed its streams, and stall on them (see recovery_race.py).
    hold_deliveries_until_streams_resume(app)
    topics = settings.topics
    # And should faust lose a fetched record some other way, the partition is rewound to it.
    watch_for_stalls(app, {topics.articles, topics.claims}, f.stall_check_interval_s)
    articles_topic = app.topic(topics.articles, key_type=bytes, value_type=bytes)
    claims_topic = app.topic(topics.claims, key_type=bytes, value_type=bytes)
    out_topics = {
        "claims": claims_topic,
        "alerts": app.topic(topics.alerts, key_type=bytes, value_type=bytes),
        "dead_letters": app.topic(topics.dead_letters, key_type=bytes, value_type=bytes),
    }
    recent_acts_by_actor = app.Table(
        TABLE_NAME,
        default=None,
        key_type=bytes,
        value_type=bytes,
        partitions=topics.partitions,
        use_partitioner=True,
    )
    pool = executor

    async def run_extract(article: Article) -> list[Claim]:
        return await asyncio.get_running_loop().run_in_executor(pool, extract, article)

    async def send(outs: list[Out]) -> None:
        for out in outs:
            key = out.key.encode("utf-8") if out.key is not None else None
            await out_topics[out.role].send(key=key, value=out.value)

    @app.agent(articles_topic, name="extract_claims", concurrency=1)
    async def extract_claims(stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            outs = await processors.extract_claims(
                _record(event), extract=run_extract, recorder=recorder
            )
            await send(outs)

    held: ReorderBuffer[Any] = ReorderBuffer(settings.novelty.reorder_window)
    ack_order: AckOrder[Any] = AckOrder()
    lock = asyncio.Lock()
    acking: list[faust.StreamT[bytes]] = []

    changelog = recent_acts_by_actor.changelog_topic.get_topic_name()

    async def decide(event: Any, peers: frozenset[str] = frozenset()) -> None:
        # a table write needs the changelog topic in the producer's metadata (faust_internals)
        await faust_internals.until_producer_knows(app, changelog)
        outs = processors.spot_new_claims(
            _record(event),
            recent_acts=recent_acts_by_actor,
            novelty=settings.novelty,
            recorder=recorder,
            peers=peers,
        )
        await send(outs)
        message = event.message
        for ready in ack_order.done((message.topic, message.partition), message.offset):
            await acking[0].ack(ready)

    async def release(*, everything: bool = False) -> None:
        async with lock:  # the agent and the timer both release: one at a time, in order
            ripe = held.ripe(datetime.now(UTC), everything=everything)
            peers = processors.peers_of([_record(e) for e in ripe])
            for event, terms in zip(ripe, peers, strict=True):
                await decide(event, terms)

    @app.agent(claims_topic, name="spot_new_claims", concurrency=1)
    async def spot_new_claims(stream: faust.StreamT[bytes]) -> None:
        manual: faust.StreamT[bytes] = stream.noack()  # type: ignore[attr-defined]
        acking[:] = [manual]
        async for event in manual.events():
            message = event.message
            ack_order.hold((message.topic, message.partition), message.offset, event)
            where = processors.claim_order(_record(event))
            if where is None:
                async with lock:
                    await decide(event)
                continue
            actor, key = where
            held.add(actor, key, event, now=datetime.now(UTC))
            await release(everything=not settings.novelty.reorder_window_s)

    async def release_held_claims() -> None:
        if acking and len(held):
            await release()

    interval = max(0.05, settings.novelty.reorder_window_s / 4)
    app.timer(interval, name="release_held_claims")(release_held_claims)

    return app


def _record(event: Any) -> Record:
    message = event.message
    return Record(
        topic=message.topic,
        value=event.value,
        key=event.key,
        partition=message.partition,
        offset=message.offset,
    )


def _broker_url(bootstrap: str) -> list[str]:
    return [f"kafka://{host.strip()}" for host in bootstrap.split(",") if host.strip()]

"""End of table recovery: a record fetched while faust resumes the streams reaches its agent."""

from __future__ import annotations

import asyncio

import faust
from mode.utils.queues import FlowControlQueue

from schemas.articles import Article
from schemas.claims import Claim
from services.stream.app import create_app
from services.stream.settings import Settings


def no_claims(article: Article) -> list[Claim]:
    return []


def agent_queue(app: faust.App) -> FlowControlQueue[str]:
    """A queue like an agent's: faust empties it when flow control resumes."""
    queue: FlowControlQueue[str] = app.FlowControlQueue(maxsize=10, clear_on_resume=True)
    return queue


async def deliver(app: faust.App, queue: FlowControlQueue[str], record: str) -> None:
    """What faust's conductor does with each fetched record."""
    await app.flow_control.acquire()
    queue.put_nowait(record)


async def test_a_record_fetched_as_recovery_ends_is_delivered_after_queues_are_emptied() -> None:
    app = create_app(Settings(), extract=no_claims)
    queue = agent_queue(app)
    app.flow_control.resume()  # flow is on while the table reads its changelog
    # faust's Recovery.on_recovery_completed: the signal, then streams resumed and sought...
    await app.on_rebalance_complete.send()
    delivery = asyncio.create_task(deliver(app, queue, "article at the committed offset"))
    for _ in range(3):
        await asyncio.sleep(0)
    assert not delivery.done() and queue.empty(), "delivered into a queue about to be emptied"
    app.flow_control.resume()  # ...then flow control resumes, emptying every agent's queue
    await delivery
    assert queue.get_nowait() == "article at the committed offset"


async def test_the_race_is_real_a_record_queued_before_flow_resumes_is_dropped() -> None:
    # The faust behaviour the hold guards against: without it, this record would be lost.
    app = faust.App("no-hold", broker="memory://")
    queue = agent_queue(app)
    app.flow_control.resume()
    await app.on_rebalance_complete.send()
    await deliver(app, queue, "article at the committed offset")
    app.flow_control.resume()
    assert queue.empty()

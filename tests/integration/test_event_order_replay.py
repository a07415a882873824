"""A multi-outlet stream replayed unpaced through the real stack stores what `simulate` decides.

The fixture's files (tests/fixtures/multi_outlet, written for this test) are named by outlet,
so the replay order is not the order of publication: the earliest report of each act is in a
later file. Articles go to four partitions, so the worker also takes them out of replay order.
Event order is promised for reports that reach the worker within the reorder window of each
other; a loaded machine (the whole suite at once) can take longer than the 2 s default to
extract eight articles, so the test sets a window that covers that, not a different contract.
The alerts, their ids and their sources must still be those of the offline twin, and a second
replay of the same files must change nothing and deliver nothing.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from tests.support.fault_stack import ROOT, Services, settled, until
from tests.support.fault_support import EventKey, HookReceiver, expected_events, follow_every_actor

STREAM = ROOT / "tests" / "fixtures" / "multi_outlet"
Report = tuple[str, str, str]  # article id, sentence, speaker
WIDE_REORDER = {"CLAIMWATCH_NOVELTY__REORDER_WINDOW_S": "15"}


def twin_alerts(expected: dict[EventKey, dict[str, Any]]) -> dict[str, tuple[Report, set[Report]]]:
    """alert id -> (first report, every report) as `simulate` decides them."""
    out: dict[str, tuple[Report, set[Report]]] = {}
    for row in expected.values():
        report = (row["article_id"], row["sentence"], row["speaker"])
        if row["event"] == "new":
            out[row["alert_id"]] = (report, out.get(row["alert_id"], (report, set()))[1])
        out.setdefault(row["alert_id"], (report, set()))[1].add(report)
    return out


async def stored_alerts(services: Services) -> dict[str, tuple[Report, set[Report]]]:
    async with services.api() as api:
        got = await api.get("/alerts", params={"limit": 500})
    assert got.status_code == 200, got.text
    out = {}
    for alert in got.json():
        first = alert["first_source"]
        reports = {(s["article_id"], s["sentence"], s["speaker"]) for s in alert["sources"]}
        out[alert["alert_id"]] = (
            (first["article_id"], first["sentence"], first["speaker"]),
            reports,
        )
    return out


async def steady(services: Services) -> dict[str, tuple[Report, set[Report]]]:
    """The stored alerts once every record is read and delivered and they stay the same for
    longer than a claim can be held: lag 0 alone was seen a moment before the last report of
    a held run was stored."""
    await until(lambda: settled(services), "replay read and delivered", services)
    before = await stored_alerts(services)
    while True:
        await asyncio.sleep(float(WIDE_REORDER["CLAIMWATCH_NOVELTY__REORDER_WINDOW_S"]) + 2)
        await until(lambda: settled(services), "replay read and delivered", services)
        now = await stored_alerts(services)
        if now == before:
            return now
        before = now


async def test_unpaced_replay_stores_what_simulate_decides_and_a_second_replay_adds_nothing(
    kafka_bootstrap: str, redis_url: str, tmp_path: Path
) -> None:
    paths = sorted(STREAM.glob("*.json"))
    expected = expected_events(paths)
    want = twin_alerts(expected)
    assert len(want) >= 3, f"the fixture should raise several alerts: {want}"
    files_first = {(p.stem) for p in paths[:3]}
    assert any(first[0] not in files_first for first, _ in want.values()), (
        "some act should be first reported in a later file (else order is not tested)"
    )
    async with HookReceiver().running() as receiver:
        with Services.for_test(tmp_path / "run", bootstrap=kafka_bootstrap,
                               redis_url=redis_url, **WIDE_REORDER) as services:  # fmt: skip
            services.start("alerts")
            await until(services.alerts_ready, "alert service ready", services)
            await follow_every_actor(services, receiver, expected)
            services.start("worker")
            assert await asyncio.to_thread(services.replay(STREAM).wait, 120) == 0

            async def all_raised() -> bool:
                return len(await stored_alerts(services)) >= len(want)

            # The group has committed nothing before it joins: wait for the alerts, then lag 0.
            await until(all_raised, "as many alerts as simulate raises", services)
            first_pass = await steady(services)
            hooks = len(receiver.hooks)

            assert await asyncio.to_thread(services.replay(STREAM).wait, 120) == 0
            second_pass = await steady(services)

    assert first_pass == want
    assert hooks == sum(len(reports) for _, reports in want.values()), receiver.hooks
    assert second_pass == first_pass
    assert len(receiver.hooks) == hooks, "the second replay delivered something"
    assert not receiver.duplicate_ids()

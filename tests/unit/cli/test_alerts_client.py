"""The CLI's SSE parsing: ids, event names, multi-line data, heartbeats skipped."""

from __future__ import annotations

from services.cli.alerts_client import parse_sse


def test_events_with_ids_and_heartbeats() -> None:
    lines = [": ping - 2026-03-14", "", "id: 1-0", "event: raised", 'data: {"a":1}', "",
             ": ping", "", "id: 2-0", "data: line one", "data: line two", ""]  # fmt: skip
    events = list(parse_sse(iter(lines)))
    assert [(e.id, e.event, e.data) for e in events] == [
        ("1-0", "raised", '{"a":1}'),
        ("2-0", "message", "line one\nline two"),
    ]


def test_an_unfinished_event_is_not_emitted() -> None:
    assert list(parse_sse(iter(["id: 3-0", "data: half"]))) == []

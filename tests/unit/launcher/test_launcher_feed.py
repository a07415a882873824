"""The launcher's feed: server-sent events parsed, and one readable line per alert."""

from __future__ import annotations

import json

from services.launcher.feed import format_line, parse_sse

RAISED = {
    "kind": "raised",
    "alert_id": "a1",
    "actor": "Russia",
    "type": "denial",
    "speaker": "Dmitry Peskov",
    "sentence": "The Kremlin also denied it has sought Chinese military help.",
    "source": {"outlet": "Al Jazeera", "article_id": "seed"},
    "source_count": 1,
}


def test_events_with_ids_kinds_and_multiline_data() -> None:
    stream = [
        ": ping\r\n",
        "\r\n",
        "id: 1-0\r\n",
        "event: raised\r\n",
        'data: {"a":\r\n',
        "data: 1}\r\n",
        "\r\n",
        "data: x\n",
        "\n",
    ]
    events = list(parse_sse(stream))
    assert [(e.id, e.event) for e in events] == [("1-0", "raised"), ("1-0", "message")]
    assert json.loads("\n".join(events[0].data)) == {"a": 1}


def test_raised_alert_is_one_line_with_actor_type_speaker_evidence_and_count() -> None:
    line = format_line(RAISED, colour=False)
    assert line is not None
    assert "\n" not in line
    for part in ("DENIAL", "Russia", "Dmitry Peskov", "sought Chinese military help", "1 source"):
        assert part in line
    assert "\x1b[" not in line
    assert "\x1b[" in (format_line(RAISED, colour=True) or "")


def test_further_report_names_the_outlet_and_the_new_count() -> None:
    attached = RAISED | {"kind": "source_attached", "source": {"outlet": "Capital Wire"}}
    attached["source_count"] = 3
    line = format_line(attached, colour=False)
    assert line is not None
    assert "Capital Wire" in line and "now 3 sources" in line


def test_a_wire_event_with_a_nested_alert_is_shown_too() -> None:
    event = {"kind": "raised", "alert": {k: v for k, v in RAISED.items() if k != "kind"}}
    assert "Dmitry Peskov" in (format_line(event, colour=False) or "")


def test_other_payloads_print_nothing() -> None:
    assert format_line({"status": "ok"}, colour=False) is None

"""Article bytes ESC, BEL and U+202E never reach a terminal raw: up feed, alerts, tail, errors."""

from __future__ import annotations

import argparse
import io
import json
import re
import threading
from typing import Any

import httpx
import pytest
from rich.console import Console

from services.cli import tail
from services.cli.alerts import table
from services.cli.alerts_client import explain
from services.launcher.feed import Feed

HOSTILE = "\x1b[2J\x1b]0;owned\x07Kremlin \u202edenied\u202c it\x1b[31m"
OUR_SGR = re.compile(r"\x1b\[[0-9;]*m")  # the only sequence we emit ourselves (colour)


def no_raw(text: str) -> None:
    """Nothing from the article acts on the terminal; our own colour codes are taken out."""
    plain = OUR_SGR.sub("", text)
    for char in ("\x1b", "\x07", "\u202e", "\u202c"):
        assert char not in plain, f"{char!r} reached the output raw: {text!r}"
    assert "\\x1b[2J" in plain and "\\u202e" in plain  # shown, not hidden


def alert() -> dict[str, Any]:
    return {
        "alert_id": "al_1",
        "actor": "Russia" + HOSTILE,
        "type": "denial",
        "speaker": "Dmitry\x07 Peskov",
        "sentence": HOSTILE,
        "raised_at": "2026-12-07T09:00:00+00:00",
        "first_source": {"published_at": "2022-03-14T10:00:00+00:00", "outlet": HOSTILE},
        "source_count": 2,
    }


def live_events() -> list[dict[str, Any]]:
    source = {"outlet": "Wire" + HOSTILE, "sentence": HOSTILE, "published_at": "2022-03-14"}
    raised = {"kind": "raised", "alert_id": "al_1", "actor": "Russia", "type": "denial",
              "speaker": HOSTILE, "sentence": HOSTILE, "source": source, "source_count": 1,
              "occurred_at": "2026-12-07T09:00:00+00:00"}  # fmt: skip
    attached = raised | {"kind": "source_attached", "source_count": 2}
    return [raised, attached]


@pytest.mark.parametrize("colour", [False, True])
def test_the_up_feed_shows_article_text_escaped(colour: bool) -> None:
    out = io.StringIO()
    feed = Feed("http://unused", out, colour=colour, stop=threading.Event())
    for event in live_events():
        feed._show(json.dumps(event))
    printed = out.getvalue()
    assert printed.count("\n") == 2
    no_raw(printed)


def test_the_alerts_list_shows_article_text_escaped() -> None:
    no_raw("\n".join(table([alert()])))


def test_the_alerts_list_has_raise_time_and_article_date_apart_newest_raised_first() -> None:
    older = alert() | {"alert_id": "al_0", "raised_at": "2026-12-07T08:00:00+00:00"}
    newer = alert() | {"first_source": {"published_at": "2020-01-01T00:00:00+00:00"}}
    header, first, second = table([older, newer])
    assert header.split()[:4] == ["raised", "(UTC)", "article", "date"]
    assert first.startswith("2026-12-07 09:00  2020-01-01")
    assert second.startswith("2026-12-07 08:00  2022-03-14")


@pytest.mark.parametrize("force_terminal", [False, True])
def test_tail_shows_article_text_escaped(force_terminal: bool) -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=force_terminal, color_system="standard", width=400)
    for event in [*live_events(), tail.as_event(alert())]:
        console.print(tail.render(event), soft_wrap=True)
    no_raw(out.getvalue())


def test_tail_prints_an_alert_once_when_last_and_live_overlap(
    capsys: pytest.CaptureFixture[str],
) -> None:
    printer = tail.Printer(argparse.Namespace(json=True))
    printer.show(tail.as_event(alert()))
    printer.show(live_events()[0], "1-0")  # the same alert, now from the live stream
    printer.show(live_events()[1], "2-0")  # a further report of it: shown
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["kind"] for line in lines] == ["raised", "source_attached"]
    assert "\x1b" not in "".join(lines)  # JSON escapes control characters


def test_an_error_body_from_the_server_is_escaped_and_readable() -> None:
    hostile = httpx.Response(500, json={"detail": HOSTILE})
    no_raw(explain(hostile))
    validation = httpx.Response(422, json={"detail": [
        {"loc": ["body", "channels", 0, "url"], "msg": "URL scheme should be 'http'", "type": "x"},
        {"loc": ["body", "actor"], "msg": "Field required", "type": "missing"},
    ]})  # fmt: skip
    assert explain(validation) == (
        "error: channels.0.url: URL scheme should be 'http'; actor: Field required "
        "(HTTP 422 unprocessable entity)"
    )
    plain = httpx.Response(502, text="<html>\x1b[2J bad gateway</html>")
    assert "\x1b" not in explain(plain) and "bad gateway" in explain(plain)


def test_the_alerts_list_keeps_the_newest_raised_of_the_largest_page(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Raise order and article order disagree: the newest raised is shown, not the newest dated."""
    from services.cli import alerts as alerts_cli

    asked: dict[str, Any] = {}
    stored = [
        alert() | {"alert_id": f"al_{n}", "sentence": f"sentence {n}",
                   "raised_at": f"2026-12-07T09:0{n}:00+00:00",
                   "first_source": {"published_at": f"2022-03-1{9 - n}T00:00:00+00:00"}}
        for n in range(5)
    ]  # fmt: skip

    class Api:
        def __enter__(self) -> Api:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def get(self, path: str, params: dict[str, Any]) -> httpx.Response:
            asked.update(params)
            return httpx.Response(200, json=stored)

    monkeypatch.setattr("services.cli.alerts_client.client", lambda args: Api())
    args = argparse.Namespace(
        replay=None, dead_letters=False, stats=False, json=False, limit=2, actor=None,
        types=None, since=None,
    )  # fmt: skip
    assert alerts_cli.run(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert asked["limit"] == alerts_cli.API_MAX
    assert [line.split()[-1] for line in lines[1:]] == ["4", "3"]

"""The launcher's live feed: read the alert service's server-sent events and print one line each."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

import httpx

from services.common.terminal import safe

COLOURS = {"denial": "31", "warning": "33", "accusation": "35", "assertion": "36"}


@dataclass
class SseEvent:
    id: str | None = None
    event: str = "message"
    data: list[str] = field(default_factory=list)


def parse_sse(lines: Iterable[str]) -> Iterator[SseEvent]:
    """Events from the lines of a text/event-stream (comments and heartbeats are skipped)."""
    current = SseEvent()
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line:
            if current.data:
                yield current
            current = SseEvent(id=current.id)  # the last id carries over, as in the spec
            current.data = []
            current.event = "message"
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            current.data.append(value)
        elif name == "event":
            current.event = value
        elif name == "id":
            current.id = value


def paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def describe(payload: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """('raised' | 'attached', fields) for an alert event or a stored alert; None for others."""
    kind = payload.get("kind")
    if kind == "raised" and isinstance(payload.get("alert"), dict):  # an AlertRaised event
        return "raised", payload["alert"] | {"source_count": payload.get("source_count", 1)}
    if kind == "raised":  # the alert service's summary of one
        return "raised", payload
    if kind == "source_attached":
        return "attached", payload
    if "alert_id" in payload and "sentence" in payload:  # a stored alert with its sources
        return "raised", payload
    return None


def format_line(payload: dict[str, Any], *, colour: bool) -> str | None:
    """One readable line for an alert event, like `claimwatch tail`; None when it is no alert.

    Every field comes from an article or the alert service: each passes through `safe`
    before our own colour codes are added around it.
    """
    described = describe(payload)
    if described is None:
        return None
    what, raw = described
    data: dict[str, Any] = {k: safe(v) if isinstance(v, str) else v for k, v in raw.items()}
    if isinstance(raw.get("source"), dict):
        data["source"] = {k: safe(v) if isinstance(v, str) else v for k, v in raw["source"].items()}
    ctype = str(data.get("type", "?"))
    code = COLOURS.get(ctype, "0")
    if what == "attached":
        source = data.get("source") or {}
        outlet = source.get("outlet") or source.get("article_id") or "another source"
        count = data.get("source_count")
        now = f", now {count} sources" if count else ""
        speaker = data.get("speaker", "?")
        text = f"  + {outlet} also reports {data.get('actor')}'s {ctype} ({speaker}{now})"
        return paint(text, "2", colour)
    count = data.get("source_count") or len(data.get("sources") or []) or 1
    label = paint(f"{ctype.upper():<8}", f"1;{code}", colour)
    actor = paint(f"{data.get('actor', '?'):<14}", "1", colour)
    sentence = " ".join(str(raw.get("sentence", "")).split())  # whitespace runs to one space
    sentence = safe(sentence)
    if len(sentence) > 160:
        sentence = sentence[:157] + "..."
    plural = "source" if count == 1 else "sources"
    return f"{label} {actor} {data.get('speaker', '?')}: “{sentence}” [{count} {plural}]"


class Feed(threading.Thread):
    """Follows GET /alerts/stream, printing each alert; reconnects with Last-Event-ID."""

    def __init__(
        self,
        url: str,
        out: TextIO,
        *,
        colour: bool,
        stop: threading.Event,
        on_alert: Callable[[str], None] = lambda _kind: None,
    ) -> None:
        super().__init__(name="claimwatch-feed", daemon=True)
        self.url = url
        self.out = out
        self.colour = colour
        self.stop = stop
        self.on_alert = on_alert
        self.last_id: str | None = None
        self.connected = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            # The service restarts or stops: try again unless we are stopping.
            with contextlib.suppress(httpx.HTTPError, OSError):
                self._follow()
            self.stop.wait(0.5)

    def _follow(self) -> None:
        headers = {"Accept": "text/event-stream"}
        if self.last_id:
            headers["Last-Event-ID"] = self.last_id
        timeout = httpx.Timeout(5.0, read=60.0)
        with httpx.stream("GET", self.url, headers=headers, timeout=timeout) as response:
            response.raise_for_status()
            self.connected.set()
            for event in parse_sse(response.iter_lines()):
                if self.stop.is_set():
                    return
                self.last_id = event.id or self.last_id
                self._show("\n".join(event.data))

    def _show(self, data: str) -> None:
        try:
            payload = json.loads(data)
        except ValueError:
            return
        if not isinstance(payload, dict):
            return
        line = format_line(payload, colour=self.colour)
        if line is None:
            return
        self.out.write(line + "\n")
        self.out.flush()
        described = describe(payload)
        if described is not None:
            self.on_alert(described[0])

"""`claimwatch tail`: follow alerts live, one coloured line each; reconnects where it left off."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from services.common.terminal import safe

COLOURS = {"denial": "bold red", "warning": "bold yellow", "accusation": "magenta"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from services.cli.alerts_client import add_api_arguments

    parser.add_argument("--actor", help="any name of an actor, or a speaker")
    parser.add_argument("--from-start", action="store_true", help="replay the stored feed first")
    parser.add_argument(
        "--last", type=int, default=0, metavar="N", help="print the last N alerts first"
    )
    parser.add_argument("--json", action="store_true", help="print each event as JSON")
    parser.add_argument("--max-events", type=int, default=0, help="stop after N events (0: never)")
    add_api_arguments(parser)


def render(event: dict[str, Any]) -> Any:
    """One line; every field from an article is made terminal-safe before it is styled."""
    from rich.text import Text

    when = (event.get("source") or {}).get("published_at") or event.get("occurred_at") or ""
    # "+": a further report; "~": an older report became the first source (a revision).
    mark = {"raised": "", "revised": "~"}.get(event["kind"], "+")
    kind = f"{mark}{event['type']}"
    line = Text()
    line.append(f"{safe(when)[:16]:<16} ", style="dim")
    line.append(f"{safe(event['actor']):<14} ", style="bold cyan")
    line.append(f"{safe(kind):<9} ", style=COLOURS.get(event["type"], "white"))
    line.append(f"{safe(event['speaker']):<22} ", style="green")
    line.append(safe(event["sentence"]))
    if event.get("source_count", 1) > 1:
        line.append(f"  [{event['source_count']} sources]", style="dim")
    return line


def as_event(alert: dict[str, Any]) -> dict[str, Any]:
    """A stored alert (GET /alerts) in the shape of a live `raised` event."""
    source = alert.get("first_source") or {}
    return {
        "kind": "raised",
        "alert_id": alert.get("alert_id"),
        **{k: alert.get(k, "") for k in ("actor", "type", "speaker", "sentence")},
        "source": source,
        "source_count": alert.get("source_count", 1),
        "occurred_at": alert.get("raised_at", ""),
    }


class Printer:
    """Prints events as lines (or JSON), counts them, and skips an alert shown twice."""

    def __init__(self, args: argparse.Namespace) -> None:
        from rich.console import Console

        # rich colours only a terminal, and honours NO_COLOR.
        self.console = Console(file=sys.stdout, highlight=False)
        self.json = args.json
        self.shown: set[str] = set()
        self.seen = 0

    def show(self, event: dict[str, Any], event_id: str | None = None) -> None:
        alert_id = str(event.get("alert_id") or "")
        if event.get("kind") == "raised" and alert_id:
            if alert_id in self.shown:
                return  # printed by --last and then seen again on the live stream
            self.shown.add(alert_id)
        if self.json:  # json.dumps escapes every control character (ensure_ascii)
            sys.stdout.write(json.dumps({"id": event_id, **event}) + "\n")
            sys.stdout.flush()
        else:
            self.console.print(render(event), soft_wrap=True)
        self.seen += 1


def run(args: argparse.Namespace) -> int:
    import httpx

    from services.cli.alerts_client import client, endpoint, explain, parse_sse

    printer = Printer(args)
    last_id: str | None = "0-0" if args.from_start else None
    backoff = 1.0
    params = {"actor": args.actor} if args.actor else {}
    pending_last = args.last
    while True:
        headers = {"Last-Event-ID": last_id} if last_id else {}
        try:
            with (
                client(args, timeout=None) as api,
                api.stream("GET", "/alerts/stream", params=params, headers=headers) as resp,
            ):
                if resp.status_code != 200:
                    resp.read()
                    sys.stderr.write(explain(resp) + "\n")
                    return 1
                sys.stderr.write(f"connected to {safe(endpoint(args).url)}; waiting for alerts\n")
                backoff = 1.0
                if pending_last:
                    # After connecting, so nothing raised meanwhile is missed; an alert in
                    # both is printed once.
                    code = _print_last(api, pending_last, params, printer)
                    if code:
                        return code
                    pending_last = 0
                    if args.max_events and printer.seen >= args.max_events:
                        return 0
                for sse in parse_sse(resp.iter_lines()):
                    last_id = sse.id or last_id
                    if sse.event == "gap":
                        sys.stderr.write("some older alerts were trimmed; `claimwatch alerts`\n")
                        continue
                    printer.show(json.loads(sse.data), sse.id)
                    if args.max_events and printer.seen >= args.max_events:
                        return 0
        except httpx.TransportError as exc:
            # Resume from the last id we printed: the server replays what we missed.
            sys.stderr.write(
                f"stream lost ({type(exc).__name__}); reconnecting in {backoff:.0f}s\n"
            )
            time.sleep(backoff)
            backoff = min(backoff * 2, 30.0)


def _print_last(api: Any, count: int, params: dict[str, str], printer: Printer) -> int:
    from services.cli.alerts_client import explain

    response = api.get("/alerts", params={"limit": count, **params})
    if response.status_code != 200:
        sys.stderr.write(explain(response) + "\n")
        return 1
    recent = sorted(response.json(), key=lambda a: str(a.get("raised_at") or ""))
    for alert in recent:  # oldest first, so the newest ends next to the live ones
        printer.show(as_event(alert))
    return 0

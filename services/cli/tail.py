"""`claimwatch tail`: follow alerts live, one coloured line each; reconnects where it left off."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

COLOURS = {"denial": "bold red", "warning": "bold yellow", "accusation": "magenta"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from services.alerts.client import add_api_arguments

    parser.add_argument("--actor", help="any name of an actor, or a speaker")
    parser.add_argument("--from-start", action="store_true", help="replay the stored feed first")
    parser.add_argument("--json", action="store_true", help="print each event as JSON")
    parser.add_argument("--max-events", type=int, default=0, help="stop after N events (0: never)")
    add_api_arguments(parser)


def render(event: dict[str, Any]) -> Any:
    from rich.text import Text

    when = (event.get("source") or {}).get("published_at") or event.get("occurred_at") or ""
    # "+": a further report; "~": an older report became the first source (a revision).
    mark = {"raised": "", "revised": "~"}.get(event["kind"], "+")
    kind = f"{mark}{event['type']}"
    line = Text()
    line.append(f"{when[:16]:<16} ", style="dim")
    line.append(f"{event['actor']:<14} ", style="bold cyan")
    line.append(f"{kind:<9} ", style=COLOURS.get(event["type"], "white"))
    line.append(f"{event['speaker']:<22} ", style="green")
    line.append(event["sentence"])
    if event.get("source_count", 1) > 1:
        line.append(f"  [{event['source_count']} sources]", style="dim")
    return line


def run(args: argparse.Namespace) -> int:
    import httpx
    from rich.console import Console

    from services.alerts.client import client, explain, parse_sse

    console = Console(file=sys.stdout, highlight=False)
    last_id: str | None = "0-0" if args.from_start else None
    seen, backoff = 0, 1.0
    params = {"actor": args.actor} if args.actor else {}
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
                backoff = 1.0
                for sse in parse_sse(resp.iter_lines()):
                    last_id = sse.id or last_id
                    if sse.event == "gap":
                        sys.stderr.write("some older alerts were trimmed; `claimwatch alerts`\n")
                        continue
                    event = json.loads(sse.data)
                    if args.json:
                        sys.stdout.write(json.dumps({"id": sse.id, **event}) + "\n")
                        sys.stdout.flush()
                    else:
                        console.print(render(event), soft_wrap=True)
                    seen += 1
                    if args.max_events and seen >= args.max_events:
                        return 0
        except httpx.TransportError as exc:
            # Resume from the last id we printed: the server replays what we missed.
            sys.stderr.write(
                f"stream lost ({type(exc).__name__}); reconnecting in {backoff:.0f}s\n"
            )
            time.sleep(backoff)
            backoff = min(backoff * 2, 30.0)

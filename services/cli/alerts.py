"""`claimwatch alerts`: list stored alerts; counts (`--stats`); dead-lettered deliveries."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from services.common.terminal import safe

API_MAX = 500  # the largest page GET /alerts returns
HEADER = f"{'raised (UTC)':<17} {'article date':<12} {'actor':<14} {'type':<8} {'speaker':<22} "


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from services.cli.alerts_client import add_api_arguments

    parser.add_argument("--actor", help="any name of an actor, or a speaker")
    parser.add_argument("--type", action="append", dest="types", help="claim type (repeatable)")
    parser.add_argument("--since", help="ISO time, e.g. 2022-03-14T00:00:00Z")
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument(
        "--stats", action="store_true", help="alerts by actor, and ingest's article outcomes"
    )
    parser.add_argument(
        "--ingest",
        metavar="URL",
        help="ingest service for --stats (default: the running `claimwatch up`'s)",
    )
    parser.add_argument(
        "--dead-letters", action="store_true", help="list deliveries that exhausted their attempts"
    )
    parser.add_argument(
        "--replay", metavar="DELIVERY_ID", help="queue a dead delivery again ('all' for every one)"
    )
    add_api_arguments(parser)


def table(alerts: list[dict[str, Any]]) -> list[str]:
    """Lines of the alert list: raise time and article date apart, newest raised first.

    Every cell that came from an article is made terminal-safe.
    """
    ordered = sorted(alerts, key=lambda a: str(a.get("raised_at") or ""), reverse=True)
    lines = [HEADER + "sources  sentence"]
    for alert in ordered:
        raised = str(alert.get("raised_at") or "")[:16].replace("T", " ")
        dated = str((alert.get("first_source") or {}).get("published_at") or "-")[:10]
        cells = [safe(alert.get(k, "")) for k in ("actor", "type", "speaker", "sentence")]
        lines.append(
            f"{raised:<17} {dated:<12} {cells[0]:<14} {cells[1]:<8} {cells[2]:<22} "
            f"{alert.get('source_count', 1):>7}  {cells[3]}"
        )
    return lines


def run(args: argparse.Namespace) -> int:
    from services.cli.alerts_client import client, explain

    if args.stats:
        from services.cli.stats import run_stats

        return run_stats(args)
    with client(args) as api:
        if args.replay:
            path = "/deliveries/dead/replay"
            if args.replay != "all":
                path = f"/deliveries/dead/{args.replay}/replay"
            response = api.post(path)
        elif args.dead_letters:
            response = api.get("/deliveries/dead")
        else:
            # The API pages by article date; the list is by raise time. Fetch the largest page
            # and keep the newest raised: exact while the window holds at most API_MAX alerts.
            limit = args.limit if args.json else max(args.limit, API_MAX)
            params: dict[str, Any] = {"limit": min(limit, API_MAX)}
            if args.actor:
                params["actor"] = args.actor
            if args.types:
                params["type"] = args.types
            if args.since:
                params["since"] = args.since
            response = api.get("/alerts", params=params)
    if response.status_code != 200:
        sys.stderr.write(explain(response) + "\n")
        return 1
    body = response.json()
    if args.replay:
        replayed = " ".join(safe(r) for r in body["replayed"])
        sys.stdout.write(f"replayed {len(body['replayed'])}: {replayed}\n")
    elif args.json or args.dead_letters:
        for item in body:  # json.dumps escapes every control character (ensure_ascii)
            sys.stdout.write(json.dumps(item) + "\n")
    else:
        sys.stdout.write("\n".join(table(body)[: args.limit + 1]) + "\n")
    return 0

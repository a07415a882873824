"""`claimwatch alerts`: list stored alerts; list and replay dead-lettered deliveries."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from services.alerts.client import add_api_arguments

    parser.add_argument("--actor", help="any name of an actor, or a speaker")
    parser.add_argument("--type", action="append", dest="types", help="claim type (repeatable)")
    parser.add_argument("--since", help="ISO time, e.g. 2022-03-14T00:00:00Z")
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument(
        "--dead-letters", action="store_true", help="list deliveries that exhausted their attempts"
    )
    parser.add_argument(
        "--replay", metavar="DELIVERY_ID", help="queue a dead delivery again ('all' for every one)"
    )
    add_api_arguments(parser)


def _line(alert: dict[str, Any]) -> str:
    when = (alert.get("first_source") or {}).get("published_at") or alert["raised_at"]
    return (
        f"{when[:16]}  {alert['actor']:<14} {alert['type']:<8} {alert['speaker']:<22} "
        f"[{alert['source_count']} src] {alert['sentence']}"
    )


def run(args: argparse.Namespace) -> int:
    from services.alerts.client import client, explain

    with client(args) as api:
        if args.replay:
            path = "/deliveries/dead/replay"
            if args.replay != "all":
                path = f"/deliveries/dead/{args.replay}/replay"
            response = api.post(path)
        elif args.dead_letters:
            response = api.get("/deliveries/dead")
        else:
            params: dict[str, Any] = {"limit": args.limit}
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
        sys.stdout.write(f"replayed {len(body['replayed'])}: {' '.join(body['replayed'])}\n")
    elif args.json or args.dead_letters:
        for item in body:
            sys.stdout.write(json.dumps(item) + "\n")
    else:
        for alert in body:
            sys.stdout.write(_line(alert) + "\n")
    return 0

"""`claimwatch subscribe`: follow an actor's denials and warnings by webhook or Apprise."""

from __future__ import annotations

import argparse
import json
import sys

CLAIM_TYPES = ("denial", "warning", "accusation", "assertion")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from services.cli.alerts_client import add_api_arguments

    parser.add_argument("--actor", required=True, help="any name: 'Kremlin' means Russia")
    parser.add_argument(
        "--type", action="append", choices=CLAIM_TYPES, dest="types",
        help="claim type to follow (repeatable; default denial and warning)",
    )  # fmt: skip
    parser.add_argument("--webhook", action="append", default=[], help="webhook URL (repeatable)")
    parser.add_argument(
        "--apprise", action="append", default=[], help="Apprise URL, e.g. ntfy://topic"
    )
    parser.add_argument("--min-confidence", type=float, default=0.0)
    parser.add_argument("--keyword", action="append", default=[], dest="keywords")
    parser.add_argument(
        "--updates", action="store_true", help="also notify further reports of an alert"
    )
    parser.add_argument("--json", action="store_true", help="print the raw response")
    add_api_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from services.cli.alerts_client import client, explain
    from services.common.terminal import safe

    channels = [{"kind": "webhook", "url": u} for u in args.webhook]
    channels += [{"kind": "apprise", "url": u} for u in args.apprise]
    if not channels:
        sys.stderr.write("error: give at least one --webhook or --apprise\n")
        return 2
    spec: dict[str, object] = {
        "actor": args.actor,
        "min_confidence": args.min_confidence,
        "keywords": args.keywords,
        "include_updates": args.updates,
        "channels": channels,
    }
    if args.types:
        spec["types"] = args.types
    with client(args) as api:
        response = api.post("/subscriptions", json=spec)
    if response.status_code != 201:
        sys.stderr.write(explain(response) + "\n")
        return 1
    body = response.json()
    if args.json:
        sys.stdout.write(json.dumps(body) + "\n")
        return 0
    sub = body["subscription"]
    follows = safe(f"{sub['id']} follows {sub['actor_canonical']} ({', '.join(sub['types'])})")
    sys.stdout.write(
        f"subscription {follows}\n"
        f"secret {safe(body['secret'])}\n"
        "The secret verifies webhook signatures; it is shown only now.\n"
    )
    return 0

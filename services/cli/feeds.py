"""`claimwatch feeds add|list|remove`: the feeds the sources service watches, and their health."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from services.launcher.stackfile import StackInfo

DEFAULT_SOURCES = "http://127.0.0.1:8002"
KEY_ENV = "CLAIMWATCH_API_KEY"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="watch an RSS or Atom feed")
    add.add_argument("url")
    add.add_argument("--every", type=int, default=300, metavar="SECONDS", help="poll interval")
    add.add_argument("--label", help="a name to show for it")
    listing = actions.add_parser("list", help="the watched feeds with their health")
    listing.add_argument("--json", action="store_true", help="print the raw response")
    remove = actions.add_parser("remove", help="stop watching a feed (by URL or id)")
    remove.add_argument("feed", help="the feed's URL or its id")
    for sub in (add, listing, remove):
        sub.add_argument(
            "--api",
            default=None,
            help=f"sources service URL (default: the running `claimwatch up`'s, "
            f"else {DEFAULT_SOURCES})",
        )
        sub.add_argument(
            "--api-key",
            default=None,
            help=f"management key (default: ${KEY_ENV}, else the running `claimwatch up`'s)",
        )


def _sources_url(found: StackInfo) -> str | None:
    return found.sources_url


def run(args: argparse.Namespace) -> int:
    from services.cli.alerts_client import client, explain
    from services.common.terminal import safe

    # The stack file's key goes to the stack's own sources service only, as for `alerts`.
    with client(args, service=_sources_url, default=DEFAULT_SOURCES) as api:
        if args.action == "add":
            spec: dict[str, Any] = {"url": args.url, "every_seconds": args.every}
            if args.label:
                spec["label"] = args.label
            response = api.post("/feeds", json=spec)
            if response.status_code not in (200, 201):
                sys.stderr.write(explain(response) + "\n")
                return 1
            feed = response.json()
            verb = "watching" if response.status_code == 201 else "updated"
            sys.stdout.write(
                safe(f"{verb} {feed['url']} every {feed['every_seconds']} s ({feed['id']})") + "\n"
            )
            return 0
        if args.action == "remove":
            feed_id = _feed_id(args.feed)
            response = api.delete(f"/feeds/{feed_id}")
            if response.status_code != 204:
                sys.stderr.write(explain(response) + "\n")
                return 1
            sys.stdout.write(f"removed {safe(feed_id)}\n")
            return 0
        response = api.get("/feeds")
    if response.status_code != 200:
        sys.stderr.write(explain(response) + "\n")
        return 1
    if args.json:
        sys.stdout.write(json.dumps(response.json()) + "\n")
        return 0
    for status in response.json():
        sys.stdout.write(describe(status) + "\n")
    return 0


def _feed_id(given: str) -> str:
    """An id as given, or the id of a URL (normalised as the API does when it was added)."""
    if not given.startswith(("http://", "https://")):
        return given
    from schemas.feeds import FeedSpec, feed_id

    return feed_id(str(FeedSpec.model_validate({"url": given}).url))


def describe(status: dict[str, Any]) -> str:
    """One line per feed: health first, then what it has done. Terminal-safe: the label, the
    URL and the last error come from users and remote servers (an error may quote a feed)."""
    from services.common.terminal import safe

    feed, health = status["feed"], status["health"]
    name = feed.get("label") or feed["url"]
    state = "ok" if status["healthy"] else f"FAILING x{health['consecutive_failures']}"
    if not health["polls"]:
        state = "not polled"
    error = f"  last error: {health['last_error']}" if health.get("last_error") else ""
    return safe(
        f"{state:<12} {name}  every {feed['every_seconds']} s  polls {health['polls']} "
        f"(304: {health['not_modified']})  items {health['items_seen']}  "
        f"pages {health['pages_fetched']}  published {health['published']}  "
        f"extraction failures {health['extraction_failures']}  page errors "
        f"{health['page_errors']}  not English {health.get('unsupported_language', 0)}  "
        f"last success {health.get('last_success_at') or '-'}"
        f"{error}  [{feed['id']}]"
    )

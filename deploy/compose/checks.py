"""What deploy/compose-test.sh asks of a running compose stack, from the host's virtualenv.

Run inside the engine's network namespace, where the stack's published ports answer on
127.0.0.1. Each command prints one line (or JSON) and exits non-zero when its check fails.
  checks.py subscribe URL --webhook W --actor A     a subscription; prints its id
  checks.py snapshot URL                            JSON: alerts (id: sources), subscriptions
  checks.py wait-alerts URL --expect N [--at-least]  until N alerts are stored (and stay)
  checks.py corpus OUT.jsonl --count N --tag T      seeds repeated under fresh ids, later dates
  checks.py expected PATH...                        alerts the offline twin raises for PATH
The API key comes from CLAIMWATCH_API_KEY (alert reads need it under compose).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]


def client(url: str) -> httpx.Client:
    key = os.environ.get("CLAIMWATCH_API_KEY", "")
    return httpx.Client(base_url=url, headers={"X-API-Key": key}, timeout=10)


def alerts(http: httpx.Client) -> dict[str, int]:
    """Every stored alert's id and its count of distinct sources."""
    response = http.get("/alerts", params={"limit": 500})
    response.raise_for_status()
    return {alert["alert_id"]: alert["source_count"] for alert in response.json()}


def snapshot(url: str) -> dict[str, Any]:
    with client(url) as http:
        subs = http.get("/subscriptions")
        subs.raise_for_status()
        stored = dict(sorted(alerts(http).items()))
        return {"alerts": stored, "subscriptions": sorted(s["id"] for s in subs.json())}


def subscribe(url: str, webhook: str, actor: str) -> str:
    spec = {"actor": actor, "channels": [{"kind": "webhook", "url": webhook}]}
    with client(url) as http:
        response = http.post("/subscriptions", json=spec)
    if response.status_code != 201:
        raise SystemExit(f"subscribe: HTTP {response.status_code}: {response.text[:300]}")
    return str(response.json()["subscription"]["id"])


def wait_alerts(url: str, expect: int, timeout: float, settle: float, at_least: bool) -> int:
    """Poll until `expect` alerts (`at_least`: or more) are stored and no more arrive for
    `settle` seconds."""
    deadline = time.monotonic() + timeout
    seen, since = -1, time.monotonic()
    with client(url) as http:
        while time.monotonic() < deadline:
            try:
                count = len(alerts(http))
            except httpx.HTTPError:
                count = -1
            if count != seen:
                seen, since = count, time.monotonic()
            elif (count >= expect if at_least else count == expect) and (
                time.monotonic() - since >= settle
            ):
                return count
            time.sleep(1)  # a bounded poll of a local service
    return seen


def corpus(out: Path, count: int, tag: str) -> int:
    from services.bench.e2e_corpus import build_corpus
    from services.ingest.sources import ReadArticle, read_articles

    seeds = [r.article.to_article() for r in read_articles([ROOT / "seeds"])
             if isinstance(r, ReadArticle)]  # fmt: skip
    # 20 days apart: beyond the 14-day novelty window, so every round raises its acts anew.
    articles = build_corpus(seeds, count, tag=tag, shift=timedelta(days=20))
    out.write_text("".join(a.model_dump_json() + "\n" for a in articles))
    return len(articles)


def expected(paths: list[Path]) -> int:
    """Alerts `claimwatch simulate` raises: the same extraction and novelty, offline."""
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "services.cli.main", "simulate", *map(str, paths)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    events = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return sum(1 for event in events if event.get("event") == "new")


def say(value: object) -> None:
    sys.stdout.write(f"{value}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="checks.py")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("subscribe")
    p.add_argument("url")
    p.add_argument("--webhook", required=True)
    p.add_argument("--actor", required=True)
    p = sub.add_parser("snapshot")
    p.add_argument("url")
    p = sub.add_parser("wait-alerts")
    p.add_argument("url")
    p.add_argument("--expect", type=int, required=True)
    p.add_argument("--timeout", type=float, default=180)
    p.add_argument("--settle", type=float, default=5)
    p.add_argument("--at-least", action="store_true")
    p = sub.add_parser("corpus")
    p.add_argument("out", type=Path)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--tag", required=True)
    p = sub.add_parser("expected")
    p.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    if args.cmd == "subscribe":
        say(subscribe(args.url, args.webhook, args.actor))
    elif args.cmd == "snapshot":
        say(json.dumps(snapshot(args.url)))
    elif args.cmd == "wait-alerts":
        count = wait_alerts(args.url, args.expect, args.timeout, args.settle, args.at_least)
        say(count)
        return 0 if count == args.expect or (args.at_least and count > args.expect) else 1
    elif args.cmd == "corpus":
        say(corpus(args.out, args.count, args.tag))
    else:
        say(expected(args.paths))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())

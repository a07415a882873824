"""What deploy/compose-test.sh asks of a running compose stack, from the host's virtualenv.

Run inside the engine's network namespace, where the stack's published ports answer on
127.0.0.1. Each command prints one line (or JSON) and exits non-zero when its check fails.
  checks.py subscribe URL --webhook W --actor A     a subscription; prints its id
  checks.py snapshot URL                            JSON: alerts (id: sources), subscriptions
  checks.py wait-alerts URL --expect N [--at-least]  until N alerts are stored (and stay)
  checks.py corpus OUT.jsonl --count N --tag T      seeds repeated under fresh ids, later dates
  checks.py twin OUT.jsonl PATH...                  the offline twin's decisions for PATH; prints
                                                    how many alerts it raises
  checks.py compare URL TWIN.jsonl                  JSON: stored alerts against the twin's acts
  checks.py records PREFIX < KEY<TAB>VALUE lines    records, distinct ids, ids whose copies differ
  checks.py warnings < JSON log lines               the last warnings, with their tracebacks' ends
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


def twin(out: Path, paths: list[Path]) -> int:
    """Every decision `claimwatch simulate --updates` (the same extraction and novelty, offline,
    in event order) makes for PATHS, written to OUT; returns how many alerts it raises."""
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "services.cli.main", "simulate", "--updates", *map(str, paths)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    out.write_text("".join(line + "\n" for line in lines))
    return sum(1 for line in lines if json.loads(line).get("event") == "new")


Report = tuple[str, str, str, str]


def report(article_id: str, sentence: str, speaker: str, kind: str) -> Report:
    """One report of an act, as both sides can name it (the stored source has no source_id)."""
    from services.stream.signature import name_key

    return (article_id, " ".join(sentence.split()), name_key(speaker), kind)


def compare(url: str, decisions: Path) -> dict[str, Any]:
    """The stored alerts beside the offline twin's (`decisions`, from `twin`).

    Alert ids name an act's first report, so they differ when reports reach the worker in
    another order than the twin's (a broker failover can delay a partition). The acts do not:
    each act of the twin must be stored as one alert holding its reports (none split in two,
    none merged with another), and every report the twin places must be stored, once.
    """
    acts: dict[str, set[Report]] = {}
    for line in map(json.loads, decisions.read_text().splitlines()):
        where = report(line["article_id"], line["sentence"], line["speaker"], line["type"])
        acts.setdefault(line["alert_id"], set()).add(where)
    with client(url) as http:
        response = http.get("/alerts", params={"limit": 500})
        response.raise_for_status()
        stored = {
            a["alert_id"]: [report(s["article_id"], s["sentence"], s["speaker"], a["type"])
                            for s in a["sources"]]
            for a in response.json()
        }  # fmt: skip
    held: dict[Report, list[str]] = {}
    for alert, reports in stored.items():
        for where in reports:
            held.setdefault(where, []).append(alert)
    act_of = {where: act for act, reports in acts.items() for where in reports}
    # Which stored alerts each act's reports landed in, and which acts each stored alert holds.
    landed = {act: {a for r in reports for a in held.get(r, [])} for act, reports in acts.items()}
    holds = {alert: {act_of[r] for r in rs if r in act_of} for alert, rs in stored.items()}
    return {
        "stored": len(stored),
        "expected": len(acts),
        "missing_alerts": sorted(set(acts) - set(stored)),
        "extra_alerts": sorted(set(stored) - set(acts)),
        "reports": len(act_of),
        "lost_reports": sorted(_name(r) for r in set(act_of) - set(held)),
        "reports_twice": sorted(_name(r) for r, ids in held.items() if len(ids) > 1),
        "acts_split": sorted(act for act, alerts in landed.items() if len(alerts) > 1),
        "acts_merged": sorted(alert for alert, held_acts in holds.items() if len(held_acts) > 1),
        "alerts_of_no_act": sorted(alert for alert, held_acts in holds.items() if not held_acts),
    }


def _name(where: Report) -> str:
    return "/".join(where[:3])


def records(prefix: str, lines: list[str]) -> tuple[int, int, int]:
    """Of the `articles` records keyed PREFIX...: how many, how many distinct article ids, and
    how many ids whose copies carry different articles. A retried publish sends an article
    again as a new event (its own event_id and occurred_at); the article must be the same."""
    copies: dict[str, set[str]] = {}
    count = 0
    for line in lines:
        key, _, value = line.rstrip("\n").partition("\t")
        if not key.startswith(prefix):
            continue
        count += 1
        article = json.dumps(json.loads(value)["article"], sort_keys=True)
        copies.setdefault(key, set()).add(article)
    return count, len(copies), sum(1 for seen in copies.values() if len(seen) > 1)


def warnings(lines: list[str], last: int = 4) -> list[str]:
    """The last WARNING and ERROR records of a service's JSON log, each with the end of its
    traceback (a crash's exception is on its last line)."""
    events = [json.loads(line) for line in lines if line.startswith("{")]
    out = []
    for event in [e for e in events if e.get("level") in ("WARNING", "ERROR")][-last:]:
        head = " ".join(str(event.get(k, "")) for k in ("ts", "level", "logger"))
        out.append(f"    {head}: {str(event.get('msg'))[:200]}")
        out += [f"        {line[:200]}" for line in str(event.get("exc") or "").splitlines()[-3:]]
    return out


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
    p = sub.add_parser("twin")
    p.add_argument("out", type=Path)
    p.add_argument("paths", nargs="+", type=Path)
    sub.add_parser("warnings")
    p = sub.add_parser("records")
    p.add_argument("prefix")
    p = sub.add_parser("compare")
    p.add_argument("url")
    p.add_argument("twin", type=Path)
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
    elif args.cmd == "warnings":
        say("\n".join(warnings(sys.stdin.readlines())))
    elif args.cmd == "records":
        say(" ".join(map(str, records(args.prefix, sys.stdin.readlines()))))
    elif args.cmd == "compare":
        say(json.dumps(compare(args.url, args.twin)))
    else:
        say(twin(args.out, args.paths))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())

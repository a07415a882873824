"""`claimwatch alerts --stats`: alerts by actor, and what ingest did with the articles it got.

The alert service counts alerts (Redis, for the whole deployment). Articles that never become
alerts, such as those not in English (`unsupported_language`), are counted by ingest, which
refuses them before Kafka: their figures come from ingest's own /metrics, so they cover that
ingest process since it started (one instance; behind a load balancer, ask each).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import httpx

from services.common.terminal import safe

DEFAULT_INGEST = "http://127.0.0.1:8000"
ACCEPTED = "claimwatch_ingest_articles_accepted"
REJECTED = "claimwatch_ingest_articles_rejected"


def ingest_url(args: argparse.Namespace) -> str:
    from services.launcher import stackfile

    if args.ingest:
        return str(args.ingest)
    found = stackfile.find()
    return found.ingest_url if found else DEFAULT_INGEST


def ingest_outcomes(metrics_text: str) -> dict[str, int]:
    """`accepted` and each refusal reason (e.g. `unsupported_language`) from ingest's metrics."""
    from prometheus_client.parser import text_string_to_metric_families

    outcomes: dict[str, int] = {}
    for family in text_string_to_metric_families(metrics_text):
        for sample in family.samples:
            if sample.name == f"{ACCEPTED}_total":
                outcomes["accepted"] = outcomes.get("accepted", 0) + int(sample.value)
            elif sample.name == f"{REJECTED}_total":
                reason = sample.labels.get("reason", "other")
                outcomes[reason] = outcomes.get(reason, 0) + int(sample.value)
    return outcomes


def stats_lines(
    actors: list[dict[str, Any]], outcomes: dict[str, int] | None, where: str
) -> list[str]:
    lines = ["alerts by actor:"]
    for row in actors:
        lines.append(f"  {safe(row['actor']):<24} {row['alerts']:>6}")
    lines.append(f"  {'total':<24} {sum(int(r['alerts']) for r in actors):>6}")
    if outcomes is None:
        lines.append(f"articles at ingest ({where}): not reachable")
        return lines
    lines.append(f"articles at ingest ({where}, since it started):")
    for name in ["accepted", *sorted(k for k in outcomes if k != "accepted")]:
        lines.append(f"  {name:<24} {outcomes.get(name, 0):>6}")
    if "unsupported_language" not in outcomes:
        lines.append(f"  {'unsupported_language':<24} {0:>6}")
    return lines


def run_stats(args: argparse.Namespace) -> int:
    from services.cli.alerts_client import client, explain

    with client(args) as api:
        response = api.get("/actors")
    if response.status_code != 200:
        sys.stderr.write(explain(response) + "\n")
        return 1
    where = ingest_url(args)
    try:
        metrics = httpx.get(f"{where.rstrip('/')}/metrics", timeout=10, trust_env=False)
        outcomes = ingest_outcomes(metrics.text) if metrics.status_code == 200 else None
    except httpx.HTTPError:
        outcomes = None
    sys.stdout.write("\n".join(stats_lines(response.json(), outcomes, safe(where))) + "\n")
    return 0

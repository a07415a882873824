"""`claimwatch simulate`: extraction and novelty in one process, no Kafka, over files in order.

Claims are decided in event time, as the stream's reorder buffer decides them: by article
date, then file order (the order a replay would ingest them), then place in the article.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from services.common.terminal import safe

if TYPE_CHECKING:
    from schemas.articles import Article
    from schemas.claims import Claim
    from services.stream.settings import NoveltySettings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", help="article files or folders, in stream order")
    parser.add_argument(
        "--window-days", type=float, default=None, help="novelty window (default: settings, 14)"
    )
    parser.add_argument(
        "--updates",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="print further reports ('update' lines) as well as new alerts",
    )
    parser.add_argument(
        "--gold-claims",
        action="store_true",
        help="decide on the annotated claims of each article (<id>.gold.json beside it) "
        "instead of extracting them: measures novelty alone",
    )


def run(args: argparse.Namespace) -> int:
    from services.ingest.sources import ReadArticle, read_articles
    from services.stream.settings import Settings

    novelty = Settings().novelty
    if args.window_days is not None:
        novelty = novelty.model_copy(update={"window_days": args.window_days})
    paths: list[Path] = []
    articles: list[Article] = []
    for result in read_articles(args.paths):
        if isinstance(result, ReadArticle):
            paths.append(result.path)
            articles.append(result.article.to_article())
        else:
            sys.stderr.write(safe(f"simulate: {result.where}: {result.reason}") + "\n")
    if args.gold_claims:
        claims = _gold_claims(paths, articles)
    else:
        from services.extraction import Extractor
        from services.stream.article_actors import canonical_actors

        # As the stream's extraction step does: one spelling of each actor per article.
        extracted = Extractor.load().extract_many(articles)
        claims = [
            canonical_actors(found, f"{article.title}\n{article.text}")
            for article, found in zip(articles, extracted, strict=True)
        ]
    for line in decide_in_event_order(articles, claims, novelty):
        if args.updates or line["event"] == "new":
            # Still valid JSON: `safe` leaves only \\u escapes for bidi controls.
            sys.stdout.write(safe(json.dumps(line, ensure_ascii=False)) + "\n")
    sys.stdout.flush()
    return 0


def decide_in_event_order(
    articles: Sequence[Article],
    claims: Sequence[Sequence[Claim]],
    novelty: NoveltySettings,
    *,
    seen_at: datetime | None = None,
) -> list[dict[str, object]]:
    """The stream's decisions over `articles` (ingested in this order), as simulate's lines."""
    from schemas.claims import ClaimExtracted
    from services.stream.alerting import event_line
    from services.stream.event_order import order_key
    from services.stream.processors import article_ref, judge
    from services.stream.reports import peer_terms

    start = seen_at or datetime.now(UTC)
    events = []
    for index, (article, found) in enumerate(zip(articles, claims, strict=True)):
        # A replay ingests files one after another: the file order breaks ties of date.
        ref = article_ref(article, ingested_at=start + timedelta(milliseconds=index))
        for claim in found:
            event = ClaimExtracted(claim=claim, article=ref)
            events.append(
                (order_key(claim, published=ref.published_at, ingested=ref.ingested_at), event)
            )
    events.sort(key=lambda pair: pair[0])
    peers = peer_terms([event.claim for _, event in events])
    # The offline twin of the `recent_acts_by_actor` table: one dict for every actor.
    recent_acts: dict[bytes, bytes] = {}
    lines = []
    for (_, event), terms in zip(events, peers, strict=True):
        judged = judge(event, recent_acts=recent_acts, novelty=novelty, now=start, peers=terms)
        # A repeat is a report already placed (two claims read off one sentence by one speaker):
        # the stream sends the same event again and the alert service drops it, so no line.
        if judged is not None and not judged[0].repeat:
            lines.append(event_line(judged[0], event.claim))
    return lines


def _gold_claims(paths: Sequence[Path], articles: Sequence[Article]) -> list[list[Claim]]:
    from services.cli.gold_claims import gold_path, read_gold_claims

    out = []
    for path, article in zip(paths, articles, strict=True):
        gold = read_gold_claims(article, gold_path(path))
        for problem in gold.problems:
            sys.stderr.write(f"simulate: {problem}\n")
        out.append(gold.claims)
    return out

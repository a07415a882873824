"""`claimwatch simulate`: extraction and novelty in one process, no Kafka, over files in order."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime

from services.common.terminal import safe


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


def run(args: argparse.Namespace) -> int:
    from schemas.claims import ClaimExtracted
    from services.extraction import Extractor
    from services.ingest.sources import ReadArticle, read_articles
    from services.stream.alerting import event_line
    from services.stream.processors import article_ref, judge
    from services.stream.settings import NoveltySettings, Settings

    novelty = Settings().novelty
    if args.window_days is not None:
        novelty = NoveltySettings(
            window_days=args.window_days, max_acts_per_actor=novelty.max_acts_per_actor
        )
    articles = []
    for result in read_articles(args.paths):
        if isinstance(result, ReadArticle):
            articles.append(result.article.to_article())
        else:
            sys.stderr.write(safe(f"simulate: {result.where}: {result.reason}") + "\n")
    extractor = Extractor.load()
    # The offline twin of the `recent_acts_by_actor` table: one dict for every actor.
    recent_acts: dict[bytes, bytes] = {}
    seen_at = datetime.now(UTC)
    out = sys.stdout
    for article, claims in zip(articles, extractor.extract_many(articles), strict=True):
        ref = article_ref(article)
        for claim in claims:
            judged = judge(
                ClaimExtracted(claim=claim, article=ref),
                recent_acts=recent_acts,
                novelty=novelty,
                now=seen_at,
            )
            if judged is None:
                continue
            line = event_line(judged[0], claim)
            if args.updates or line["event"] == "new":
                # Still valid JSON: `safe` leaves only \\u escapes for bidi controls.
                out.write(safe(json.dumps(line, ensure_ascii=False)) + "\n")
    out.flush()
    return 0

"""`claimwatch extract PATH...`: print the claims of article files, one JSON line each."""

from __future__ import annotations

import argparse
import logging
import sys

from services.common.terminal import safe


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="article files or folders (.txt .json .jsonl)"
    )


def run(args: argparse.Namespace) -> int:
    from services.extraction import Extractor
    from services.extraction.model import model_name
    from services.ingest.sources import read_articles

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    extractor = Extractor.load()
    sys.stderr.write(f"extract: spaCy model {model_name(extractor.nlp)}\n")
    articles = []
    for result in read_articles(args.paths):
        if result.ok:
            articles.append(result.article.to_article())
        else:
            sys.stderr.write(safe(f"rejected {result.where}: {result.reason}") + "\n")
    count = 0
    for claims in extractor.extract_many(articles):
        for claim in claims:
            # JSON escapes control characters but not bidi controls (U+202E): `safe` turns
            # those into \\u escapes, so the line stays valid JSON and inert on a terminal.
            sys.stdout.write(safe(claim.model_dump_json()) + "\n")
            count += 1
    sys.stderr.write(f"extract: {count} claims from {len(articles)} articles\n")
    return 0

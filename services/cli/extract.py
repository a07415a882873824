"""`claimwatch extract PATH...`: print the claims of article files, one JSON line each."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import TYPE_CHECKING, Any

from services.common.terminal import safe

if TYPE_CHECKING:
    from services.extraction.learned.model import Judged


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="article files or folders (.txt .json .jsonl)"
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="add each claim's cue, the rules' type and the signals that decided its type"
        " (with their weights); candidates the model dropped are shown with kept=false",
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
    # JSON escapes control characters but not bidi controls (U+202E): `safe` turns those
    # into \\u escapes, so each line stays valid JSON and inert on a terminal.
    if args.explain:
        for judged in extractor.explain_many(articles):
            for j in judged:
                sys.stdout.write(safe(json.dumps(explained(j), ensure_ascii=False)) + "\n")
                count += j.result is not None
    else:
        for claims in extractor.extract_many(articles):
            for claim in claims:
                sys.stdout.write(safe(claim.model_dump_json()) + "\n")
                count += 1
    sys.stderr.write(f"extract: {count} claims from {len(articles)} articles\n")
    return 0


def explained(judged: Judged) -> dict[str, Any]:
    """A claim (kept or dropped) with why it got its type."""
    claim = judged.result or judged.repeat or judged.candidate
    out: dict[str, Any] = claim.model_dump(mode="json")
    why: dict[str, Any] = {"cue": judged.candidate.cue, "rules": judged.candidate.type.value}
    if judged.decision is not None:
        d = judged.decision
        why |= {
            "decided": d.label,
            "probability": d.probability,
            "runner_up": d.runner_up,
            "signals": [{"signal": s.feature, "weight": s.weight} for s in d.signals],
        }
    if judged.repeat is not None:
        why["dropped"] = "an earlier claim has this speaker, type and sentence"
    out["kept"] = judged.result is not None
    out["explain"] = why
    return out

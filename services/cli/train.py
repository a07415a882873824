"""`claimwatch train FOLDER...`: fit the learned extractor and write it into the package."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from services.cli.learning_args import add_corpus_arguments, settings_from


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_arguments(parser, "folders of annotated articles")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="where to write the model (default: the package's own data/model.json)",
    )
    parser.add_argument(
        "--cv-summary", default=None, help="the `claimwatch eval` summary line to record with it"
    )


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from services.extraction.learned.corpus import folders, read_corpus
    from services.extraction.learned.model import packaged_path
    from services.extraction.learned.training import canonical_actor, train
    from services.extraction.model import load_nlp

    try:
        corpus = read_corpus([*args.folders, *args.extra])
    except ValueError as exc:
        sys.stderr.write(f"train: {exc}\n")
        return 2
    settings = settings_from(args)
    model = train(corpus, load_nlp(), load_nlp(full=True), canonical_actor, settings)
    meta = {
        "version": datetime.now(UTC).strftime("%Y%m%d.%H%M"),
        "trained_on": {f: sum(1 for a in corpus if a.folder == f) for f in folders(corpus)},
        "settings": {
            "c": settings.c,
            "min_support": settings.min_support,
            "wordnet": settings.wordnet,
        },
        "cross_validation": args.cv_summary,
    }
    model = replace(model, meta=meta)
    out = args.out or packaged_path()
    model.save(out)
    weights = len(model.combiner.weights) if model.combiner else 0
    sys.stderr.write(
        f"train: {len(corpus)} articles in {len(meta['trained_on'])} folders -> {out}"
        f" ({len(model.cues)} induced cues, {weights} combiner features)\n"
    )
    return 0

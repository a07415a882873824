"""`claimwatch eval FOLDER...`: leave-one-folder-out cross-validation of the learned extractor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "folders",
        nargs="+",
        type=Path,
        metavar="FOLDER",
        help="folders of annotated articles (<id>.json + <id>.gold.json); each is one fold,"
        " and a folder of such folders gives one fold per subfolder",
    )
    parser.add_argument("--c", type=float, default=1.0, help="combiner regularisation (C)")
    parser.add_argument("--min-support", type=int, default=3, help="induced cue: min uses")
    parser.add_argument("--keep-none", action="store_true", help="keep candidates judged `none`")


def run(args: argparse.Namespace) -> int:
    from services.extraction.learned.corpus import folders, read_corpus
    from services.extraction.learned.report import table
    from services.extraction.learned.training import Settings, canonical_actor, crossvalidate
    from services.extraction.model import load_nlp

    try:
        corpus = read_corpus(args.folders)
    except ValueError as exc:
        sys.stderr.write(f"eval: {exc}\n")
        return 2
    if len(folders(corpus)) < 2:
        sys.stderr.write("eval: cross-validation needs at least two folders\n")
        return 2
    settings = Settings(c=args.c, min_support=args.min_support, drop_none=not args.keep_none)
    results = crossvalidate(
        corpus,
        load_nlp(),
        load_nlp(full=True),
        canonical_actor,
        settings,
        progress=lambda line: sys.stderr.write(f"eval: {line}\n"),
    )
    for line in table(results):
        sys.stdout.write(line + "\n")
    return 0

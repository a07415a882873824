"""`claimwatch eval FOLDER...`: leave-one-folder-out cross-validation of the learned extractor."""

from __future__ import annotations

import argparse
import sys

from services.cli.learning_args import add_corpus_arguments, settings_from


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_arguments(
        parser,
        "folders of annotated articles (<id>.json + <id>.gold.json); each is one fold,"
        " and a folder of such folders gives one fold per subfolder",
    )
    parser.add_argument("--alert-boost", type=float, default=0.0, help="logit added to alert types")
    parser.add_argument("--none-floor", type=float, default=0.5, help="min P(none) to drop")
    parser.add_argument(
        "--drop-none", action="store_true", help="drop candidates judged `none` (at --none-floor)"
    )
    parser.add_argument(
        "--retype-all",
        action="store_true",
        help="let the combiner retype every candidate, not only the rules' content assertions",
    )
    parser.add_argument(
        "--boosts",
        type=lambda text: [float(b) for b in text.split(",")],
        default=[0.0, 0.5, 1.0],
        help="alert boosts the sweep tries (comma-separated)",
    )
    parser.add_argument(
        "--sweep",
        action="store_true",
        help="also score a grid of decision policies on the same folds (to choose one)",
    )


def run(args: argparse.Namespace) -> int:
    from services.extraction.learned.corpus import folders, read_corpus
    from services.extraction.learned.model import Policy
    from services.extraction.learned.report import sweep_line, table
    from services.extraction.learned.training import canonical_actor, crossvalidate
    from services.extraction.model import load_nlp

    try:
        corpus = read_corpus(args.folders)
        extra = read_corpus(args.extra) if args.extra else []
    except ValueError as exc:
        sys.stderr.write(f"eval: {exc}\n")
        return 2
    if len(folders(corpus)) < 2:
        sys.stderr.write("eval: cross-validation needs at least two folders\n")
        return 2
    policy = Policy(args.alert_boost, args.none_floor, args.drop_none, not args.retype_all)
    settings = settings_from(args, policy)
    grid = [
        Policy(boost, 0.5, False, True, evidence)
        for boost in args.boosts
        for evidence in (False, True)
    ]
    results = crossvalidate(
        corpus,
        load_nlp(),
        load_nlp(full=True),
        canonical_actor,
        settings,
        progress=_progress,
        sweep=grid if args.sweep else (),
        extra=extra,
    )
    for line in table(results):
        sys.stdout.write(line + "\n")
    for policy in grid if args.sweep else ():
        sys.stdout.write(f"sweep {policy}: {sweep_line(results, policy)}\n")
    return 0


def _progress(line: str) -> None:
    sys.stderr.write(f"eval: {line}\n")

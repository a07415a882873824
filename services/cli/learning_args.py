"""Arguments `claimwatch eval` and `claimwatch train` share: the corpus and the model settings."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from services.extraction.learned.model import Policy
    from services.extraction.learned.training import Settings


def add_corpus_arguments(parser: argparse.ArgumentParser, folders_help: str) -> None:
    parser.add_argument("folders", nargs="+", type=Path, metavar="FOLDER", help=folders_help)
    parser.add_argument(
        "--extra",
        nargs="*",
        type=Path,
        default=[],
        metavar="FOLDER",
        help="annotated folders used for training only (the project's own examples,"
        " services/extraction/training/own)",
    )
    parser.add_argument(
        "--c", type=float, default=0.3, help="combiner regularisation (C, default 0.3)"
    )
    parser.add_argument(
        "--min-support", type=int, default=4, help="induced cue: min uses (default 4)"
    )
    parser.add_argument(
        "--min-precision",
        type=float,
        default=0.7,
        help="induced cue: min share of its uses that are claims (default 0.7)",
    )
    parser.add_argument(
        "--wordnet", action="store_true", help="widen the word classes with WordNet"
    )


def settings_from(args: argparse.Namespace, policy: Policy | None = None) -> Settings:
    from services.extraction.learned.model import Policy
    from services.extraction.learned.training import Settings

    return Settings(
        c=args.c,
        min_support=args.min_support,
        min_precision=args.min_precision,
        policy=policy or Policy(),
        wordnet=args.wordnet,
    )

"""`claimwatch`: one entry point; each command lives in its own module and imports lazily."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from services.cli.subcommands import Table, add_subcommands

# Each module imports heavy packages (spaCy, faust) inside `run`, so that `claimwatch --help`
# stays instant.
COMMANDS: Table = {
    "replay": ("replay", "publish article files and folders to the articles topic"),
    "extract": ("extract", "print the claims of article files, one JSON line each"),
    "eval": ("eval", "cross-validate the learned extractor on annotated folders"),
    "train": ("train", "fit the learned extractor and write it into the package"),
    "simulate": ("simulate", "run extraction and novelty offline, print alert events"),
    "worker": ("worker", "run a stream worker (Faust)"),
    "subscribe": ("subscribe", "follow an actor's denials and warnings"),
    "alerts": ("alerts", "list stored alerts"),
    "tail": ("tail", "follow alerts live"),
    "bench": ("bench", "measure throughput and memory"),
    "up": ("up", "run the whole stack locally on embedded defaults"),
    "feeds": ("feeds", "watch news feeds: add, list (with health), remove"),
    "schemas": ("schemas", "export the wire models as JSON Schema"),
    "actors": ("actors", "check the actors data files (names, aliases, roles)"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claimwatch", description=__doc__)
    add_subcommands(parser, COMMANDS, dest="command", metavar="COMMAND", run_key="_run")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

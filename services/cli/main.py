"""`claimwatch`: one entry point; each command lives in its own module and imports lazily."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# name -> (module under services.cli, one-line help). A module defines
# `add_arguments(parser)` and `run(args) -> int`, and imports heavy packages
# (spaCy, faust) inside `run` so that `claimwatch --help` stays instant.
COMMANDS: dict[str, tuple[str, str]] = {
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
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        try:
            module = importlib.import_module(f"services.cli.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"services.cli.{module_name}":
                raise
            continue  # command not built in this checkout
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

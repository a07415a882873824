"""`claimwatch bench TARGET`: measure throughput and memory; each target is its own module."""

from __future__ import annotations

import argparse
import importlib
import sys

# target -> (module under services.cli, one-line help). A module defines
# `add_arguments(parser)` and `run(args) -> int`; missing modules are skipped.
TARGETS: dict[str, tuple[str, str]] = {
    "extract": ("bench_extract", "extractor throughput against a plain full spaCy parse"),
    "e2e": ("bench_e2e", "end-to-end throughput and latency through the running stack"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="bench_target", required=True, metavar="TARGET")
    for name, (module_name, help_text) in TARGETS.items():
        try:
            module = importlib.import_module(f"services.cli.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"services.cli.{module_name}":
                raise
            continue  # target not built in this checkout
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(cmd)
        cmd.set_defaults(_bench_run=module.run)


def run(args: argparse.Namespace) -> int:
    runner = getattr(args, "_bench_run", None)
    if runner is None:
        sys.stderr.write("bench: choose a target\n")
        return 2
    return int(runner(args) or 0)

"""`claimwatch bench TARGET`: measure throughput and memory; each target is its own module."""

from __future__ import annotations

import argparse
import sys

from services.cli.subcommands import Table, add_subcommands

TARGETS: Table = {
    "extract": ("bench_extract", "extractor throughput against a plain full spaCy parse"),
    "e2e": ("bench_e2e", "end-to-end throughput and latency through the running stack"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # A key of its own: `_run` here would replace the one `claimwatch` set for `bench`.
    add_subcommands(parser, TARGETS, dest="bench_target", metavar="TARGET", run_key="_bench_run")


def run(args: argparse.Namespace) -> int:
    runner = getattr(args, "_bench_run", None)
    if runner is None:
        sys.stderr.write("bench: choose a target\n")
        return 2
    return int(runner(args) or 0)

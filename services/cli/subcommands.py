"""Subcommands that live in modules of their own, found through a table of module names."""

from __future__ import annotations

import argparse
import importlib

# name -> (module under services.cli, one-line help)
Table = dict[str, tuple[str, str]]


def add_subcommands(
    parser: argparse.ArgumentParser, table: Table, *, dest: str, metavar: str, run_key: str
) -> None:
    """One required subcommand per row. A module defines `add_arguments(parser)` and
    `run(args) -> int`; the chosen one's `run` is set on the parsed arguments as `run_key`.
    A row whose module this checkout lacks is left out."""
    sub = parser.add_subparsers(dest=dest, required=True, metavar=metavar)
    for name, (module_name, help_text) in table.items():
        try:
            module = importlib.import_module(f"services.cli.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"services.cli.{module_name}":
                raise
            continue  # not built in this checkout
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(cmd)
        cmd.set_defaults(**{run_key: module.run})

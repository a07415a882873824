"""`claimwatch actors check [PATH]`: validate the actors data files (shipped, or a folder)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="actors_command", required=True, metavar="SUBCOMMAND")
    check = sub.add_parser(
        "check",
        help="validate actors data files",
        description="Validate the actors data files: the shipped ones, or those in PATH "
        "(a folder with countries.json, subnational.json, organisations.json, agencies.json, "
        "preferences.json, not_actors.json and roles.tsv; see services/actors/data/README.md).",
    )
    check.add_argument("path", nargs="?", type=Path, help="folder of data files to check")


def run(args: argparse.Namespace) -> int:
    from services.actors.check import check_folder

    folder: Path | None = args.path
    if folder is not None and not folder.is_dir():
        sys.stderr.write(f"actors check: {folder} is not a folder\n")
        return 2
    problems = check_folder(folder)
    where = str(folder) if folder is not None else "shipped actors data"
    for problem in problems:
        sys.stderr.write(f"{where}/{problem}\n" if folder is not None else f"{problem}\n")
    if problems:
        sys.stderr.write(f"actors check: {len(problems)} problem(s) in {where}\n")
        return 1
    sys.stdout.write(f"actors check: {where} is valid\n")
    return 0

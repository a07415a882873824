"""`claimwatch schemas [--check]`: write or verify schemas/json/."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="fail if the files on disk are stale")


def run(args: argparse.Namespace) -> int:
    from schemas.export import SCHEMA_DIR, export, render_all

    if args.check:
        stale = [
            name
            for name, text in render_all().items()
            if not (SCHEMA_DIR / name).is_file()
            or (SCHEMA_DIR / name).read_text(encoding="utf-8") != text
        ]
        for name in stale:
            sys.stderr.write(f"stale: schemas/json/{name} (run `claimwatch schemas`)\n")
        return 1 if stale else 0
    for path in export():
        sys.stdout.write(f"{path}\n")
    return 0

"""Subcommands from a table of modules: a missing module is left out, a broken one is not hidden."""

from __future__ import annotations

import argparse

import pytest

from services.cli.subcommands import add_subcommands


def _parser(table: dict[str, tuple[str, str]]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="t")
    add_subcommands(parser, table, dest="command", metavar="COMMAND", run_key="_run")
    return parser


def test_the_chosen_modules_run_is_set_under_the_key() -> None:
    from services.cli import schemas

    args = _parser({"schemas": ("schemas", "export")}).parse_args(["schemas"])
    assert args.command == "schemas"
    assert args._run is schemas.run


def test_a_row_whose_module_is_missing_is_left_out() -> None:
    parser = _parser({"schemas": ("schemas", "export"), "gone": ("no_such_command", "x")})
    with pytest.raises(SystemExit):
        parser.parse_args(["gone"])
    assert parser.parse_args(["schemas"]).command == "schemas"


def test_a_module_that_fails_to_import_something_else_is_an_error() -> None:
    # What is missing is the package, not the module the row names: that is a fault, not a gap.
    with pytest.raises(ModuleNotFoundError):
        _parser({"deep": ("no_such_package.module", "x")})

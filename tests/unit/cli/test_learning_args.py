"""`claimwatch eval` and `train` options: their defaults are the training settings'."""

from __future__ import annotations

import argparse

from services.cli.learning_args import add_corpus_arguments, settings_from
from services.extraction.learned.training import Settings


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_corpus_arguments(parser, "folders")
    return parser.parse_args(["corpus", *argv])


def test_no_option_gives_the_settings_defaults() -> None:
    got, want = settings_from(_parse()), Settings()
    assert (got.min_support, got.min_precision, got.c) == (
        want.min_support,
        want.min_precision,
        want.c,
    )


def test_the_induction_thresholds_can_be_set() -> None:
    got = settings_from(_parse("--min-support", "6", "--min-precision", "0.9"))
    assert (got.min_support, got.min_precision) == (6, 0.9)

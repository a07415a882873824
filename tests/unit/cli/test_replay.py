"""`claimwatch replay` without a broker: dry runs, the summary and the exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

from services.cli.main import build_parser
from services.cli.replay import EXIT_NOTHING_READ, EXIT_OK, replay
from services.ingest.settings import Settings

SEED = (
    Path(__file__).resolve().parents[3] / "seeds/aljazeera-2022-03-14-russia-china-military-aid.txt"
)


async def run_replay(*paths: Path, dry_run: bool = True) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = await replay(list(paths), Settings(), dry_run=dry_run, progress=False, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


async def test_dry_run_validates_and_reports_each_bad_file(tmp_path: Path) -> None:
    (tmp_path / "ok.json").write_text(json.dumps({"id": "ok", "text": "Fine."}), encoding="utf-8")
    (tmp_path / "bad.json").write_text(json.dumps({"id": "bad"}), encoding="utf-8")
    (tmp_path / "notes.md").write_text("# notes", encoding="utf-8")
    code, out, _ = await run_replay(SEED, tmp_path)
    assert code == EXIT_OK
    lines = out.splitlines()
    assert lines[0] == "validated 2, rejected 1, skipped 1"
    assert lines[1] == f"  rejected {tmp_path / 'bad.json'}: text: Field required"
    assert lines[2].startswith(f"  skipped {tmp_path / 'notes.md'}: unknown extension .md")


async def test_nothing_readable_exits_non_zero_without_touching_kafka(tmp_path: Path) -> None:
    code, out, err = await run_replay(tmp_path / "absent.txt", dry_run=False)
    assert code == EXIT_NOTHING_READ
    assert "no such file or directory" in out
    assert err == "error: no article could be read from the given paths\n"


def test_command_line_options_parse() -> None:
    args = build_parser().parse_args(
        ["replay", "seeds", "a.jsonl", "--rate", "2.5", "--dry-run", "--bootstrap", "k:9092"]
    )
    assert (args.paths, args.rate, args.dry_run, args.bootstrap) == (
        [Path("seeds"), Path("a.jsonl")], 2.5, True, "k:9092",
    )  # fmt: skip


def test_non_positive_rate_is_refused(capsys) -> None:  # type: ignore[no-untyped-def]
    from services.cli.main import main

    assert main(["replay", str(SEED), "--rate", "0"]) == 2
    assert "--rate must be a positive number" in capsys.readouterr().err


async def test_an_article_not_in_english_is_rejected_with_its_language(tmp_path: Path) -> None:
    german = (
        "Der Sprecher des Ministeriums wies am Dienstag die Berichte zurück, wonach die "
        "Regierung um militärische Hilfe gebeten habe. Das sei eine Erfindung, sagte er."
    )
    (tmp_path / "de.json").write_text(json.dumps({"id": "de", "text": german}), encoding="utf-8")
    code, out, _ = await run_replay(SEED, tmp_path)
    assert code == EXIT_OK
    lines = out.splitlines()
    assert lines[0] == "validated 1, rejected 1, skipped 0"
    assert lines[1] == (
        f"  rejected {tmp_path / 'de.json'}: unsupported_language: de "
        "(claimwatch reads English only)"
    )

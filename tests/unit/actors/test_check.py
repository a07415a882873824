"""`claimwatch actors check`: the shipped data validates; a broken file is named with its line."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from services.actors.check import check_folder
from services.cli.main import main


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A user's editable copy of the shipped data files."""
    folder = tmp_path / "actors-data"
    shutil.copytree(str(resources.files("services.actors").joinpath("data")), folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_data_and_an_untouched_copy_validate(data: Path) -> None:
    assert check_folder() == []
    assert check_folder(data) == []


def test_invalid_json_is_reported_with_file_line_and_column(data: Path) -> None:
    (data / "agencies.json").write_text('{"actors": [\n  {"name": "X",}\n]}\n')
    [problem] = check_folder(data)
    assert problem.startswith("agencies.json:2:")
    assert "invalid JSON" in problem


def test_a_misspelt_field_names_the_entry_and_its_line(data: Path) -> None:
    edit(data / "countries.json", '"name": "Chile",', '"name": "Chile", "alias": ["Chili"],')
    [problem] = check_folder(data)
    line = next(
        n
        for n, text in enumerate((data / "countries.json").read_text().splitlines(), 1)
        if '"name": "Chile"' in text
    )
    assert problem.startswith(f'countries.json:{line}: Chile: unknown field "alias"')


def test_a_list_field_given_as_text_is_reported(data: Path) -> None:
    edit(data / "countries.json", '"name": "Chile",', '"name": "Chile", "aliases": "Chili",')
    assert any('Chile: "aliases" must be a list' in p for p in check_folder(data))


def test_an_unknown_parent_names_the_file(data: Path) -> None:
    edit(data / "countries.json", '"name": "Chile",', '"name": "Chile", "parent": "Atlantis",')
    assert check_folder(data) == ["countries.json: Chile: unknown parent 'Atlantis'"]


def test_a_bad_role_row_names_its_line(data: Path) -> None:
    roles = data / "roles.tsv"
    with roles.open("a", encoding="utf-8") as f:
        f.write("bailiff\tfalse\tbench\tnote\n")
    line = len(roles.read_text().splitlines())
    assert check_folder(data) == [
        f"roles.tsv:{line}: speaks_for 'bench' is not one of "
        "actor, institution, self, client, court, office"
    ]


def test_an_alias_shared_without_a_preference_is_reported(data: Path) -> None:
    edit(data / "preferences.json", '"Georgia": "Georgia",\n', "")
    problems = check_folder(data)
    assert any("alias 'georgia'" in p and "preferences.json" in p for p in problems), problems


def test_a_missing_file_is_reported(data: Path) -> None:
    (data / "roles.tsv").unlink()
    assert check_folder(data) == [f"roles.tsv: missing (expected in {data})"]


def test_cli_exit_codes(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["actors", "check"]) == 0
    assert main(["actors", "check", str(data)]) == 0
    assert "is valid" in capsys.readouterr().out
    edit(data / "countries.json", '"name": "Chile",', '"name": "Chile", "parent": "Atlantis",')
    assert main(["actors", "check", str(data)]) == 1
    err = capsys.readouterr().err
    assert f"{data}/countries.json: Chile: unknown parent 'Atlantis'" in err
    assert main(["actors", "check", str(data / "nowhere")]) == 2

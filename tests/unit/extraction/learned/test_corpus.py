"""Annotated folders read into folds; a folder of folders gives one fold per subfolder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.extraction.learned.corpus import folders, read_corpus


def write(folder: Path, name: str, claims: list[dict[str, str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    article = {"id": name, "title": "Mayor denies bribe", "text": "The mayor denied it."}
    (folder / f"{name}.json").write_text(json.dumps(article))
    (folder / f"{name}.gold.json").write_text(json.dumps({"article_id": name, "claims": claims}))


def test_folders_become_folds(tmp_path: Path) -> None:
    claim = {"type": "denial", "sentence": "The mayor denied it.", "speaker": "mayor", "actor": "x"}
    write(tmp_path / "courts", "a1", [claim])
    write(tmp_path / "sport", "b1", [])
    (tmp_path / "sport" / "notes.txt").write_text("not an article")
    corpus = read_corpus([tmp_path])
    assert folders(corpus) == ["courts", "sport"]
    assert corpus[0].gold[0].type == "denial"
    assert corpus[0].article.id == "a1"


def test_a_gold_file_without_its_article_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "x.gold.json").write_text(json.dumps({"claims": []}))
    with pytest.raises(ValueError, match="no article file"):
        read_corpus([tmp_path])

"""The shipped model: declared as package data, loads through importlib.resources, is used."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

from services.extraction import Extractor
from services.extraction.learned.model import LearnedModel, load_model, packaged_path

ROOT = Path(__file__).resolve().parents[4]


def test_model_files_are_package_data_so_a_wheel_carries_them() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["services.extraction"]
    for name in ("learned/data/model.json", "learned/data/wordclasses.json"):
        assert any(fnmatch.fnmatch(name, p) for p in patterns), name


def test_shipped_model_loads_and_is_small() -> None:
    model = load_model()
    assert isinstance(model, LearnedModel)
    assert model.combiner is not None and len(model.combiner.weights) > 50
    assert any(c.lemma == "plead" and c.type == "denial" for c in model.cues)
    assert all(c.folds for c in model.cues)  # every induced cue says where it came from
    assert packaged_path().stat().st_size < 20 * 1024 * 1024
    assert model.meta.get("trained_on")


def test_the_loaded_extractor_uses_it() -> None:
    extractor = Extractor.load()
    assert extractor.model is load_model()
    assert extractor.lexicon.lemma("pleaded") == "plead"


def test_model_round_trips_through_json(tmp_path: Path) -> None:
    model = load_model()
    assert model is not None
    model.save(tmp_path / "m.json")
    again = LearnedModel.from_json(__import__("json").loads((tmp_path / "m.json").read_text()))
    assert again == model

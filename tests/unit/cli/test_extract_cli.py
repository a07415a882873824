"""`claimwatch extract`: one JSON claim per line on stdout, rejections on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemas.claims import Claim
from services.cli.main import main

SEED = (
    Path(__file__).resolve().parents[3] / "seeds/aljazeera-2022-03-14-russia-china-military-aid.txt"
)


def test_extract_prints_claims_as_json_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = {"id": "own-1", "title": "", "text": "The Kremlin denied the report on Monday."}
    (tmp_path / "own.json").write_text(json.dumps(article), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    assert main(["extract", str(SEED), str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    claims = [Claim.model_validate_json(line) for line in out.splitlines()]
    assert {c.article_id for c in claims} == {
        "aljazeera-2022-03-14-russia-china-military-aid",
        "own-1",
    }
    own = [c for c in claims if c.article_id == "own-1"]
    assert [(c.type.value, c.actor) for c in own] == [("denial", "Russia")]
    assert "broken.json" in err
    assert "spaCy model" in err

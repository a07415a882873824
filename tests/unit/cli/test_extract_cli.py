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


@pytest.mark.parametrize("command", ["extract", "simulate"])
def test_article_controls_and_bidi_overrides_stay_escaped_in_valid_json(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Kremlin spokesman Dmitry Peskov denied the report \x1b[2J\x07 on Monday \u202e today."
    article = {"id": "hostile-1", "title": "", "text": text}
    (tmp_path / "hostile.json").write_text(json.dumps(article), encoding="utf-8")
    assert main([command, str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.strip(), "no claim printed"
    assert not any(c in out for c in ("\x1b", "\x07", "\u202e"))
    sentences = [json.loads(line)["sentence"] for line in out.splitlines()]
    assert any("\x1b[2J" in s and "\u202e" in s for s in sentences)  # JSON keeps the content

"""`simulate --gold-claims`: annotated claims read beside each article, decided in event time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemas.articles import Article
from services.cli import main
from services.cli.gold_claims import find_span, gold_path, read_gold_claims

TITLE = "Ostland denies closing its border"
TEXT = "Ostland on Monday denied it would close the border.\n\nTraders were relieved."


def write(folder: Path, aid: str, published: str, claims: list[dict[str, object]]) -> Path:
    path = folder / f"{aid}.json"
    article = {"id": aid, "source": "Test Wire", "published_at": published,
               "title": TITLE, "text": TEXT}  # fmt: skip
    path.write_text(json.dumps(article))
    gold_path(path).write_text(json.dumps({"article_id": aid, "claims": claims}))
    return path


DENIAL = {"sentence": TEXT.split("\n")[0], "type": "denial", "speaker": "Ostland",
          "actor": "Ostland", "target": None, "content": "It will not close the border.",
          "event_key": "ostland-denies-border-closure"}  # fmt: skip


def test_span_is_found_in_the_title_first_then_the_text() -> None:
    article = Article(id="a", title=TITLE, text=TEXT)
    assert find_span(article, TITLE).field == "title"
    span = find_span(article, "Traders were relieved.")
    assert (span.field, TEXT[span.start : span.end]) == ("text", "Traders were relieved.")
    with pytest.raises(ValueError, match="not in the article"):
        find_span(article, "Nobody said this.")


def test_a_claim_whose_sentence_is_not_in_the_article_is_reported_and_the_rest_kept(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "a", "2031-01-02", [DENIAL, {**DENIAL, "sentence": "Made up."}])
    gold = read_gold_claims(Article(id="a", title=TITLE, text=TEXT), gold_path(path))
    assert [c.sentence for c in gold.claims] == [DENIAL["sentence"]]
    assert len(gold.problems) == 1 and "claim 1" in gold.problems[0]


def test_the_earliest_dated_report_raises_the_alert_whatever_the_file_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    late = write(tmp_path, "late", "2031-01-03", [DENIAL])
    early = write(tmp_path, "early", "2031-01-02", [DENIAL])
    assert main.main(["simulate", "--gold-claims", str(late), str(early)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(e["event"], e["article_id"]) for e in lines] == [("new", "early"), ("update", "late")]


def test_two_claims_read_off_one_sentence_by_one_speaker_print_one_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = {**DENIAL, "content": "Trade will go on.", "event_key": "ostland-trade"}
    path = write(tmp_path, "a", "2031-01-02", [DENIAL, other])
    assert main.main(["simulate", "--gold-claims", str(path)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(e["event"], e["article_id"]) for e in lines] == [("new", "a")]

"""The seed corpus: every file is an article the readers accept, in publication order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.ingest.sources import ReadArticle, read_articles

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_ARTICLE = SEEDS / "aljazeera-2022-03-14-russia-china-military-aid.txt"


def seed_results() -> list[ReadArticle]:
    results = list(read_articles([SEEDS]))
    problems = [f"{r.where}: {r.reason}" for r in results if not r.ok and not r.skipped]
    assert not problems, problems
    return [r for r in results if isinstance(r, ReadArticle)]


def test_corpus_has_enough_articles_to_show_every_case() -> None:
    assert len(seed_results()) >= 8


@pytest.mark.parametrize("result", seed_results(), ids=lambda r: r.path.name)
def test_every_seed_has_title_text_and_source(result: ReadArticle) -> None:
    article = result.article.to_article()
    assert article.title.strip()
    assert len(article.text.split()) >= 50
    assert article.source and article.source.strip()
    assert "Source:" not in article.text.splitlines()[-1]


def test_seed_article_is_replayed_first() -> None:
    assert seed_results()[0].path == SEED_ARTICLE


def test_stories_are_in_publication_order() -> None:
    # Replay publishes in sorted order; the stories' names start with their date.
    dates = [r.path.name[:10] for r in seed_results() if r.path.parent.name == "stories"]
    assert dates == sorted(dates)
    assert all(d.startswith("2022-03-") for d in dates)


def test_article_ids_are_unique() -> None:
    ids = [r.article.to_article().id for r in seed_results()]
    assert len(ids) == len(set(ids))


def test_seed_demo_raises_one_alert_per_act_for_the_actor_spoken_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """seeds/README.md: Russia's and China's denials and the US warning on 14 March, Russia's
    gas denial and the US chip warning later; a spokesman or minister raises none of their own."""
    from services.cli.main import main

    assert main(["simulate", str(SEEDS), "--no-updates"]) == 0
    new = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted((e["type"], e["actor"]) for e in new if e["event"] == "new") == [
        ("denial", "China"),
        ("denial", "Russia"),
        ("denial", "Russia"),
        ("warning", "United States"),
        ("warning", "United States"),
    ]


def test_no_seed_claim_names_a_common_noun_as_its_actor() -> None:
    """Every actor is a name; a speaker nobody stands behind ("Traders said") is marked
    "unnamed traders", never given a role or a common noun ("ministry") as if it were one."""
    from services.extraction import Extractor
    from services.extraction.settle import is_common_noun
    from services.extraction.unnamed import names_no_one

    articles = [r.article.to_article() for r in seed_results()]
    actors = {c.actor for claims in Extractor.load().extract_many(articles) for c in claims}
    assert {a for a in actors if is_common_noun(a) and not names_no_one(a)} == set()
    assert {"China", "Russia", "United States"} <= actors

"""The language check: articles not in English get the counted `unsupported_language` outcome.

The foreign texts are written for this test; the English ones are the project's seeds, none
of which may be refused.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from schemas.articles import Article
from services.ingest.api import create_app
from services.ingest.language import _identifier, unsupported_language
from services.ingest.settings import Settings
from services.ingest.sources import read_articles
from tests.support.ingest_fakes import FakePublisher

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
KEY = "language-test-key"
GERMAN = (
    "Der Sprecher des Ministeriums wies am Dienstag die Berichte zurück, wonach die Regierung "
    "um militärische Hilfe gebeten habe. Das sei eine Erfindung, sagte er vor Journalisten."
)
CHINESE = (
    "外交部发言人周二表示，有关政府请求军事援助的报道完全是捏造的。他在例行记者会上说，"
    "这种说法毫无根据，并警告有关方面不要散布虚假信息。"
)
FRENCH = (
    "Le porte-parole du ministère a démenti mardi les informations selon lesquelles le "
    "gouvernement aurait demandé une aide militaire. Il s'agit d'une invention, a-t-il dit."
)
ENGLISH = (
    "The ministry's spokesman on Tuesday rejected reports that the government had asked for "
    "military aid. It was an invention, he told reporters."
)


def article(text: str, article_id: str = "a1") -> Article:
    return Article(id=article_id, title="Report", text=text)


@pytest.mark.parametrize(("text", "language"), [(GERMAN, "de"), (CHINESE, "zh"), (FRENCH, "fr")])
def test_a_foreign_article_is_named_by_its_language(text: str, language: str) -> None:
    assert unsupported_language(_identifier(), article(text)) == language


def test_english_and_short_texts_pass() -> None:
    assert unsupported_language(_identifier(), article(ENGLISH)) is None
    assert unsupported_language(_identifier(), article("Kreml dementiert.")) is None


def test_no_seed_article_is_refused() -> None:
    seeds = [r.article.to_article() for r in read_articles([SEEDS]) if r.ok]
    assert len(seeds) >= 10
    assert [a.id for a in seeds if unsupported_language(_identifier(), a)] == []


def client(publisher: FakePublisher) -> httpx.AsyncClient:
    async def ready() -> bool:
        return True

    app = create_app(Settings(api_key=KEY), publisher, ready_check=ready)
    transport = httpx.ASGITransport(app=app)
    return httpx.AsyncClient(
        transport=transport, base_url="http://ingest", headers={"X-API-Key": KEY}
    )


async def test_only_foreign_articles_are_refused_with_422_and_counted() -> None:
    publisher = FakePublisher()
    async with client(publisher) as api:
        response = await api.post("/articles", json={"id": "de-1", "text": GERMAN})
        metrics = (await api.get("/metrics")).text
    assert response.status_code == 422
    assert response.json()["unsupported_language"] == [{"id": "de-1", "language": "de"}]
    assert "English only" in response.json()["error"]
    assert publisher.sent == []
    line = 'claimwatch_ingest_articles_rejected_total{reason="unsupported_language",via="http"} 1.0'
    assert line in metrics


async def test_in_a_mixed_batch_the_english_ones_are_published_and_the_rest_listed() -> None:
    publisher = FakePublisher()
    batch = [
        {"id": "en-1", "text": ENGLISH},
        {"id": "zh-1", "text": CHINESE},
        {"id": "fr-1", "text": FRENCH},
    ]
    async with client(publisher) as api:
        response = await api.post("/articles", json=batch)
        metrics = (await api.get("/metrics")).text
    assert response.status_code == 202
    body = response.json()
    assert body["ids"] == ["en-1"] and [key for key, _ in publisher.sent] == ["en-1"]
    assert body["unsupported_language"] == [
        {"id": "zh-1", "language": "zh"},
        {"id": "fr-1", "language": "fr"},
    ]
    line = 'claimwatch_ingest_articles_rejected_total{reason="unsupported_language",via="http"} 2.0'
    assert line in metrics

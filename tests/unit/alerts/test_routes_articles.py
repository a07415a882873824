"""GET /articles/{id} with fakes: the text and every claim, the fallback, and 404."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

import httpx

from schemas.claims import ClaimType
from services.alerts.articles import ArticleRecord
from services.alerts.components import Components
from services.alerts.http.api import create_app
from services.alerts.models import StoredAlert
from services.alerts.redis.article_store import ArticleStore
from services.alerts.settings import Settings
from services.common.ssrf import AllowList
from tests.support.alert_fakes import (
    FakeAlertStore,
    FakeArticleStore,
    FakeDeliveryQueue,
    FakeSubscriptionStore,
)
from tests.support.factories import ARTICLE_TEXT, DENIAL, make_alert, make_claim, resolve

TRADE = "A Chinese spokesman said trade talks would continue."


def denial_alert() -> StoredAlert:
    claim = make_claim(DENIAL)
    alert = make_alert(sentence=DENIAL, alert_id="al_7")
    source = alert.first_source.model_copy(update={"span": claim.span})
    alert = alert.model_copy(update={"first_source": source})
    return StoredAlert(**dict(alert), raised_at=datetime(2022, 3, 15, tzinfo=UTC), sources=[source])


async def _no_dns(host: str, port: int) -> list[str]:
    raise AssertionError("the article view resolves no host")


def client(store: FakeAlertStore, articles: ArticleStore | None) -> httpx.AsyncClient:
    comp = Components(
        redis=cast(Any, None),  # the article view never reads Redis directly
        store=store,
        subscriptions=FakeSubscriptionStore(),
        queue=FakeDeliveryQueue(),
        resolve=resolve,
        allow=AllowList.parse([]),
        dns=_no_dns,
        articles=articles,
    )
    app = create_app(Settings(api_key="k"), components=comp)
    transport = httpx.ASGITransport(app=app)
    return httpx.AsyncClient(
        transport=transport, base_url="http://test", headers={"X-API-Key": "k"}
    )


async def cached_articles() -> FakeArticleStore:
    articles = FakeArticleStore()
    await articles.put_article(
        ArticleRecord(article_id="art_1", title="Talks in <b>Vienna</b>", text=ARTICLE_TEXT,
                      source="Example News", url="https://news.example.org/vienna")
    )  # fmt: skip
    await articles.put_claim(make_claim(DENIAL))
    await articles.put_claim(
        make_claim(TRADE, type=ClaimType.ASSERTION, speaker="spokesman", actor="China")
    )
    return articles


async def test_article_has_its_text_all_claims_and_its_alerts() -> None:
    async with client(FakeAlertStore(denial_alert()), await cached_articles()) as api:
        response = await api.get("/articles/art_1")
    assert response.status_code == 200
    body = response.json()
    assert body["text"] == ARTICLE_TEXT and body["title"] == "Talks in <b>Vienna</b>"
    assert (body["source"], body["url"]) == ("Example News", "https://news.example.org/vienna")
    claims = body["extracted_claims"]
    assert [(c["type"], c["speaker"], c["alert_id"]) for c in claims] == [
        ("denial", "Dmitry Peskov", "al_7"),
        ("assertion", "spokesman", None),
    ]
    assert set(claims[0]) >= {
        "claim_id", "type", "speaker", "actor", "target", "sentence", "span", "cue", "confidence"
    }  # fmt: skip
    assert claims[0]["span"]["field"] == "text"
    assert [a["alert_id"] for a in body["alerts"]] == ["al_7"]
    # The first shape of the view is still there for older clients.
    assert [c["alert_id"] for c in body["claims"]] == ["al_7"]


async def test_an_article_only_cached_has_its_claims_and_no_alerts() -> None:
    async with client(FakeAlertStore(), await cached_articles()) as api:
        body = (await api.get("/articles/art_1")).json()
    assert body["text"] == ARTICLE_TEXT and body["alerts"] == [] and body["claims"] == []
    assert [c["alert_id"] for c in body["extracted_claims"]] == [None, None]


async def test_without_a_cache_the_view_is_the_alerts_sentences() -> None:
    async with client(FakeAlertStore(denial_alert()), None) as api:
        body = (await api.get("/articles/art_1")).json()
    assert body["text"] is None and body["extracted_claims"] == []
    assert [c["source"]["sentence"] for c in body["claims"]] == [DENIAL]


async def test_an_unknown_article_is_404() -> None:
    async with client(FakeAlertStore(denial_alert()), await cached_articles()) as api:
        response = await api.get("/articles/art_unknown")
    assert response.status_code == 404

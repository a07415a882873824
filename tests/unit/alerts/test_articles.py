"""The article view's pure parts: claim ids, claims linked to their alerts, the fallbacks."""

from __future__ import annotations

from datetime import UTC, datetime

from schemas.articles import Article
from schemas.claims import Claim, ClaimType, Span
from services.alerts.articles import ArticleRecord, CachedArticle, article_view, claim_id
from services.alerts.models import StoredAlert
from tests.support.factories import ARTICLE_TEXT, make_alert, make_claim

DENIAL = "The Kremlin denied it had asked China for military equipment."
TRADE = "A Chinese spokesman said trade talks would continue."


def record() -> ArticleRecord:
    article = Article(
        id="art_1",
        url="https://news.example.org/vienna",
        source="Example News",
        published_at=datetime(2022, 3, 15, 8, tzinfo=UTC),
        title="Talks in Vienna",
        text=ARTICLE_TEXT,
    )
    return ArticleRecord.of(article)


def stored_for(claim: Claim, alert_id: str, *, article_id: str = "art_1") -> StoredAlert:
    alert = make_alert(sentence=claim.sentence, alert_id=alert_id, type=claim.type)
    source = alert.first_source.model_copy(
        update={"span": claim.span, "article_id": article_id, "outlet": "Wire"}
    )
    alert = alert.model_copy(update={"first_source": source})
    return StoredAlert(**dict(alert), raised_at=datetime(2022, 3, 15, tzinfo=UTC), sources=[source])


def test_claim_id_is_the_same_for_a_redelivered_claim_and_differs_by_what_it_is() -> None:
    claim = make_claim(DENIAL)
    assert claim_id(claim) == claim_id(Claim.model_validate_json(claim.model_dump_json()))
    moved = claim.model_copy(update={"span": Span(start=0, end=10)})
    other_type = claim.model_copy(update={"type": ClaimType.WARNING})
    other_speaker = claim.model_copy(update={"speaker": "Sergei Lavrov"})
    in_title = claim.model_copy(update={"span": claim.span.model_copy(update={"field": "title"})})
    ids = {claim_id(c) for c in (claim, moved, other_type, other_speaker, in_title)}
    assert len(ids) == 5


def test_nothing_known_is_none() -> None:
    assert article_view("art_1", None, []) is None
    assert article_view("art_1", CachedArticle(), []) is None


def test_cached_article_has_its_text_and_every_claim_each_linked_to_its_alert() -> None:
    denial = make_claim(DENIAL)
    trade = make_claim(TRADE, type=ClaimType.ASSERTION, speaker="spokesman", actor="China")
    alert = stored_for(denial, "al_9")
    view = article_view("art_1", CachedArticle(record=record(), claims=[trade, denial]), [alert])
    assert view is not None
    assert view.text == ARTICLE_TEXT
    assert (view.title, view.source) == ("Talks in Vienna", "Example News")
    assert view.outlet == "Example News"
    assert view.url == "https://news.example.org/vienna"
    # In text order, whatever order the claims came in.
    assert [(c.type, c.alert_id) for c in view.extracted_claims] == [
        (ClaimType.DENIAL, "al_9"),
        (ClaimType.ASSERTION, None),
    ]
    first = view.extracted_claims[0]
    assert ARTICLE_TEXT[first.span.start : first.span.end] == DENIAL
    assert first.claim_id == claim_id(denial) and first.cue == "denied"
    assert [(a.alert_id, a.actor) for a in view.alerts] == [("al_9", "Russia")]
    assert [c.alert_id for c in view.claims] == ["al_9"]


def test_a_claim_links_only_to_an_alert_of_the_same_type_at_the_same_place() -> None:
    denial = make_claim(DENIAL)
    warning_there = make_claim(DENIAL, type=ClaimType.WARNING)
    alert_elsewhere = stored_for(denial, "al_other", article_id="art_2")
    view = article_view(
        "art_1",
        CachedArticle(record=record(), claims=[denial, warning_there]),
        [stored_for(denial, "al_9"), alert_elsewhere],
    )
    assert view is not None
    linked = {c.type: c.alert_id for c in view.extracted_claims}
    assert linked == {ClaimType.DENIAL: "al_9", ClaimType.WARNING: None}
    # Only this article's reports: the other article's source is not one of its claims.
    assert [c.alert_id for c in view.claims] == ["al_9"]


def test_without_the_text_the_view_falls_back_to_the_alerts_reports() -> None:
    denial = make_claim(DENIAL)
    view = article_view("art_1", None, [stored_for(denial, "al_9")])
    assert view is not None
    assert view.text is None and view.extracted_claims == []
    assert (view.title, view.outlet, view.source) == ("A test article", "Wire", "Wire")
    assert [(c.alert_id, c.source.sentence) for c in view.claims] == [("al_9", DENIAL)]


def test_claims_without_the_article_body_still_show() -> None:
    view = article_view("art_1", CachedArticle(claims=[make_claim(DENIAL)]), [])
    assert view is not None
    assert view.text is None and [c.sentence for c in view.extracted_claims] == [DENIAL]

"""Every wire model survives JSON and back unchanged (the alert union by its `kind`)."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest
from pydantic import BaseModel, ValidationError

from schemas.alerts import Alert, AlertRaised, AlertSource, SourceAttached, alert_event_adapter
from schemas.articles import Article, ArticleIn, ArticlePublished
from schemas.claims import ArticleRef, Claim, ClaimExtracted, ClaimType, Span
from schemas.dead_letters import DeadLetter
from schemas.feeds import Feed, FeedHealth, FeedSpec, FeedStatus
from schemas.subscriptions import AppriseChannel, Subscription, SubscriptionSpec, WebhookChannel

WHEN = datetime(2022, 3, 14, 9, 30, tzinfo=UTC)
SENTENCE = "The ministry denied that it had asked for weapons."
SPAN = Span(field="text", start=10, end=10 + len(SENTENCE))
ARTICLE = Article(
    id="wire-0001",
    url="https://example.org/news/1",
    source="Example Wire",
    published_at=WHEN,
    title="Ministry denies weapons request",
    text=f"Tuesday:\n\n{SENTENCE}",
)
CLAIM = Claim(
    article_id=ARTICLE.id,
    type=ClaimType.DENIAL,
    speaker="ministry spokesperson",
    actor="Ruritania",
    target="Freedonia",
    content="it did not ask for weapons",
    quote=None,
    sentence=SENTENCE,
    span=SPAN,
    cue="denied",
    confidence=0.8,
)
SOURCE = AlertSource(
    article_id=ARTICLE.id,
    outlet="Example Wire",
    url=str(ARTICLE.url),
    title=ARTICLE.title,
    published_at=WHEN,
    speaker="ministry spokesperson",
    sentence=SENTENCE,
    span=SPAN,
)
ALERT = Alert(
    alert_id="ruritania-denial-weapons",
    actor="Ruritania",
    type=ClaimType.DENIAL,
    speaker="ministry spokesperson",
    target="Freedonia",
    content="it did not ask for weapons",
    sentence=SENTENCE,
    cue="denied",
    confidence=0.8,
    first_source=SOURCE,
)
SPEC = SubscriptionSpec(
    actor="Kremlin", channels=[WebhookChannel(url="https://hooks.example.org/claimwatch")]
)

FEED_SPEC = FeedSpec(url="https://news.example.org/feed.xml", every_seconds=60, label="Ex")
FEED = Feed.from_spec(FEED_SPEC)
HEALTH = FeedHealth(
    etag='"abc"', last_success_at=WHEN, last_error="HTTP 503", consecutive_failures=2, polls=3
)

MODELS: list[BaseModel] = [
    ArticleIn(title="t", text="x", url="https://example.org/a", published_at=WHEN),
    ARTICLE,
    ArticlePublished(article=ARTICLE),
    SPAN,
    CLAIM,
    ArticleRef(article_id=ARTICLE.id, source="Example Wire", title="t", published_at=WHEN),
    ClaimExtracted(claim=CLAIM, article=ArticleRef(article_id=ARTICLE.id)),
    SOURCE,
    ALERT,
    AlertRaised(alert=ALERT),
    SourceAttached(
        alert_id=ALERT.alert_id, actor="Ruritania", type=ClaimType.DENIAL, source=SOURCE
    ),
    SPEC,
    Subscription(**SPEC.model_dump(), id="sub-1", actor_canonical="Russia", created_at=WHEN),
    DeadLetter.of(stage="extract_claims", topic="articles", raw=b"{}", error="boom"),
    FEED_SPEC,
    FEED,
    HEALTH,
    FeedStatus(feed=FEED, health=HEALTH, healthy=False),
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: type(m).__name__)
def test_model_round_trips_through_json(model: BaseModel) -> None:
    raw = model.model_dump_json()
    assert type(model).model_validate_json(raw) == model


@pytest.mark.parametrize(
    "event",
    [
        AlertRaised(alert=ALERT),
        SourceAttached(alert_id="a", actor="Ruritania", type=ClaimType.WARNING, source=SOURCE),
    ],
    ids=lambda e: type(e).__name__,
)
def test_alert_union_picks_the_type_by_kind(event: AlertRaised | SourceAttached) -> None:
    decoded = alert_event_adapter.validate_json(event.model_dump_json())
    assert type(decoded) is type(event)
    assert decoded == event


def test_alert_union_refuses_an_unknown_kind() -> None:
    with pytest.raises(ValidationError, match="kind"):
        alert_event_adapter.validate_json(b'{"kind": "retracted", "alert_id": "a"}')


def test_dead_letter_keeps_raw_bytes_that_are_not_utf8() -> None:
    raw = b"\xff\xfe\x00not json\x80"
    letter = DeadLetter.of(stage="decode", topic="articles", raw=raw, error=ValueError("bad"),
                           key=b"k\xff", partition=2, offset=41)  # fmt: skip
    back = DeadLetter.model_validate_json(letter.model_dump_json())
    assert back.raw_bytes() == raw
    assert back.error == "ValueError: bad"
    assert back.key == "k\ufffd"
    assert base64.b64decode(back.raw) == raw


def test_events_are_immutable_and_tolerate_new_fields() -> None:
    event = ArticlePublished(article=ARTICLE)
    with pytest.raises(ValidationError):
        event.event_id = event.event_id  # type: ignore[misc]
    newer = event.model_dump_json()[:-1] + ', "added_later": 1}'
    assert ArticlePublished.model_validate_json(newer) == event


def test_apprise_url_never_appears_in_plain_json() -> None:
    # Apprise URLs carry tokens: the wire model masks them, so the alert service stores
    # them through its own serializer, never through model_dump_json.
    secret = "tgram://123456:secret-token/987"
    spec = SubscriptionSpec(actor="Kremlin", channels=[AppriseChannel(url=secret)])
    assert "secret-token" not in spec.model_dump_json()
    assert spec.channels[0].url.get_secret_value() == secret

"""Values for tests: claims, alerts, articles and subscriptions with sensible defaults."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from schemas.alerts import Alert, AlertRaised, AlertSource
from schemas.articles import Article
from schemas.claims import Claim, ClaimType, Span
from schemas.subscriptions import Subscription, SubscriptionSpec

# A tiny stand-in for the actors KB: the matching logic is under test, not the KB.
ALIASES = {
    "kremlin": "Russia",
    "moscow": "Russia",
    "russia": "Russia",
    "beijing": "China",
    "china": "China",
}

# An article of our own: one denial (which the alert factories quote), then an assertion.
ARTICLE_TEXT = (
    "Officials met in Vienna on Tuesday. "
    "The Kremlin denied it had asked China for military equipment. "
    "A Chinese spokesman said trade talks would continue."
)
DENIAL = "The Kremlin denied it had asked China for military equipment."


def resolve(name: str) -> str | None:
    return ALIASES.get(name.casefold())


def make_article(
    text: str = ARTICLE_TEXT,
    *,
    article_id: str = "art_1",
    title: str = "A test article",
    **fields: Any,
) -> Article:
    """An article with the given text; other fields (source, url, published_at) as keywords."""
    return Article.model_validate({"id": article_id, "title": title, "text": text, **fields})


def make_claim(
    sentence: str = DENIAL,
    *,
    type: ClaimType = ClaimType.DENIAL,
    speaker: str = "Dmitry Peskov",
    actor: str = "Russia",
    article_id: str = "art_1",
    text: str = ARTICLE_TEXT,
    content: str | None = None,
    cue: str | None = None,
    confidence: float = 0.8,
) -> Claim:
    """A claim of `sentence`, spanned where it stands in `text`."""
    start = text.index(sentence)
    return Claim(
        article_id=article_id,
        type=type,
        speaker=speaker,
        actor=actor,
        content=sentence if content is None else content,
        sentence=sentence,
        span=Span(start=start, end=start + len(sentence)),
        cue=cue or ("denied" if type == ClaimType.DENIAL else "said"),
        confidence=confidence,
    )


def make_alert(
    *,
    actor: str = "Russia",
    speaker: str = "Dmitry Peskov",
    type: ClaimType = ClaimType.DENIAL,
    confidence: float = 0.9,
    sentence: str = DENIAL,
    alert_id: str = "al_1",
) -> Alert:
    return Alert(
        alert_id=alert_id,
        actor=actor,
        type=type,
        speaker=speaker,
        content="asked China for military equipment",
        sentence=sentence,
        cue="denied",
        confidence=confidence,
        first_source=AlertSource(
            article_id="art_1",
            title="A test article",
            published_at=datetime(2022, 3, 14, tzinfo=UTC),
            speaker=speaker,
            sentence=sentence,
            span=Span(start=0, end=len(sentence)),
        ),
    )


def raised(**fields: Any) -> AlertRaised:
    """An AlertRaised of make_alert(**fields)."""
    return AlertRaised(alert=make_alert(**fields))


def subscription(actor: str, **spec: Any) -> Subscription:
    """A subscription to `actor` with one webhook channel; spec fields as keywords."""
    channels = [{"kind": "webhook", "url": "https://hooks.example.org/x"}]
    base = SubscriptionSpec.model_validate({"actor": actor, "channels": channels, **spec})
    return Subscription(**dict(base), id=f"sub_{actor}", actor_canonical=resolve(actor) or actor)


def claim_in(article: Article, sentence: str, actor: str, type: ClaimType) -> Claim:
    """A claim `actor` makes for itself in `article`, where `sentence` stands in its text."""
    cue = "denied" if type is ClaimType.DENIAL else "warned"
    return make_claim(
        sentence,
        type=type,
        speaker=actor,
        actor=actor,
        article_id=article.id,
        text=article.text,
        cue=cue,
    )

"""In-memory doubles for the alert service's unit tests."""

from __future__ import annotations

from datetime import UTC, datetime

from schemas.alerts import Alert, AlertRaised, AlertSource
from schemas.claims import Claim, ClaimType, Span
from schemas.subscriptions import Subscription, SubscriptionSpec
from services.alerts.articles import ArticleRecord, CachedArticle, claim_id

# A tiny stand-in for the actors KB: the matching logic is under test here, not the KB.
ALIASES = {
    "kremlin": "Russia",
    "moscow": "Russia",
    "russia": "Russia",
    "beijing": "China",
    "china": "China",
}


def resolve(name: str) -> str | None:
    return ALIASES.get(name.casefold())


def make_alert(
    *,
    actor: str = "Russia",
    speaker: str = "Dmitry Peskov",
    type: ClaimType = ClaimType.DENIAL,
    confidence: float = 0.9,
    sentence: str = "The Kremlin denied it had asked China for military equipment.",
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


def raised(**kwargs: object) -> AlertRaised:
    return AlertRaised(alert=make_alert(**kwargs))  # type: ignore[arg-type]


def subscription(actor: str, **spec: object) -> Subscription:
    base = SubscriptionSpec(
        actor=actor, channels=[{"kind": "webhook", "url": "https://hooks.example.org/x"}], **spec
    )  # type: ignore[arg-type]
    return Subscription(**dict(base), id=f"sub_{actor}", actor_canonical=resolve(actor) or actor)


# An article of our own for the article view: one denial with an alert, one assertion without.
ARTICLE_TEXT = (
    "Officials met in Vienna on Tuesday. "
    "The Kremlin denied it had asked China for military equipment. "
    "A Chinese spokesman said trade talks would continue."
)


def make_claim(
    sentence: str,
    *,
    type: ClaimType = ClaimType.DENIAL,
    speaker: str = "Dmitry Peskov",
    actor: str = "Russia",
    article_id: str = "art_1",
    text: str = ARTICLE_TEXT,
) -> Claim:
    start = text.index(sentence)
    return Claim(
        article_id=article_id,
        type=type,
        speaker=speaker,
        actor=actor,
        content=sentence,
        sentence=sentence,
        span=Span(start=start, end=start + len(sentence)),
        cue="denied" if type == ClaimType.DENIAL else "said",
        confidence=0.8,
    )


class FakeArticleStore:
    """The article cache as plain dicts; TTLs are Redis's business (integration tests)."""

    def __init__(self) -> None:
        self.records: dict[str, ArticleRecord] = {}
        self.claims: dict[str, dict[str, Claim]] = {}
        self.pins: list[str] = []

    async def put_article(self, record: ArticleRecord) -> None:
        self.records[record.article_id] = record

    async def put_claim(self, claim: Claim) -> None:
        self.claims.setdefault(claim.article_id, {})[claim_id(claim)] = claim

    async def pin(self, article_id: str) -> None:
        self.pins.append(article_id)

    async def get(self, article_id: str) -> CachedArticle | None:
        record, claims = self.records.get(article_id), self.claims.get(article_id, {})
        if record is None and not claims:
            return None
        return CachedArticle(record=record, claims=list(claims.values()))

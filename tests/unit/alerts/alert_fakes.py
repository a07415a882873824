"""In-memory doubles for the alert service's unit tests."""

from __future__ import annotations

from datetime import UTC, datetime

from schemas.alerts import Alert, AlertRaised, AlertSource
from schemas.claims import ClaimType, Span
from schemas.subscriptions import Subscription, SubscriptionSpec

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

"""Novelty decisions as events on `alerts`, with ids and event ids derived from what they say."""

from __future__ import annotations

import uuid

from pydantic import TypeAdapter

from schemas.alerts import (
    Alert,
    AlertRaised,
    AlertRevised,
    AlertSource,
    AnyAlertEvent,
    SourceAttached,
)
from schemas.claims import ArticleRef, Claim
from services.stream.novelty import AttachSource, Decision, RaiseAlert, RecentAct, ReviseAlert

# Event ids are uuid5 of the alert and source ids, so a redelivered decision is the very
# same event: consumers may dedup by event_id as well as by alert_id.
_EVENT_NAMESPACE = uuid.UUID("5b0c1f8e-3a51-4c1e-9a52-0d6c9b1e7a21")
recent_acts_adapter: TypeAdapter[list[RecentAct]] = TypeAdapter(list[RecentAct])


def alert_event(decision: Decision, claim: Claim, article: ArticleRef) -> AnyAlertEvent:
    source = AlertSource(
        article_id=claim.article_id,
        outlet=article.source,
        url=article.url,
        title=article.title,
        published_at=article.published_at,
        speaker=claim.speaker,
        sentence=claim.sentence,
        span=claim.span,
    )
    if isinstance(decision, RaiseAlert | ReviseAlert):
        alert = Alert(
            alert_id=decision.alert_id,
            actor=claim.actor,
            type=claim.type,
            speaker=claim.speaker,
            target=claim.target,
            content=claim.content,
            sentence=claim.sentence,
            cue=claim.cue,
            confidence=claim.confidence,
            first_source=source,
        )
        if isinstance(decision, ReviseAlert):
            return AlertRevised(
                event_id=_event_uuid("revised", decision.alert_id, decision.source_id),
                alert=alert,
            )
        return AlertRaised(event_id=_event_uuid("raised", decision.alert_id), alert=alert)
    return SourceAttached(
        event_id=_event_uuid("attached", decision.alert_id, decision.source_id),
        alert_id=decision.alert_id,
        actor=claim.actor,
        type=claim.type,
        source=source,
    )


def event_line(decision: Decision, claim: Claim) -> dict[str, object]:
    """What `claimwatch simulate` prints for one decision."""
    kind = "revised" if isinstance(decision, ReviseAlert) else "update"
    return {
        "event": "new" if isinstance(decision, RaiseAlert) else kind,
        "alert_id": decision.alert_id,
        "source_id": decision.source_id,
        "article_id": claim.article_id,
        "type": claim.type.value,
        "actor": claim.actor,
        "speaker": claim.speaker,
        "target": claim.target,
        "sentence": claim.sentence,
        "content": claim.content,
        "sources": decision.act.n_sources,
        "reason": decision.reason if isinstance(decision, AttachSource) else "new act",
    }


def load_acts(raw: bytes | None) -> list[RecentAct]:
    return recent_acts_adapter.validate_json(raw) if raw else []


def dump_acts(acts: list[RecentAct]) -> bytes:
    return recent_acts_adapter.dump_json(acts)


def _event_uuid(*parts: str) -> uuid.UUID:
    return uuid.uuid5(_EVENT_NAMESPACE, "\x1f".join(parts))

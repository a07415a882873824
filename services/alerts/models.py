"""Service-internal values: an alert as stored, a delivery job, a dead-lettered delivery, and the
pure identities the handler and the stores agree on (a report, a webhook message)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, computed_field, model_validator

from schemas.alerts import Alert, AlertSource
from schemas.claims import ClaimType
from schemas.events import Value, utcnow
from services.alerts.notification import Notification, from_webhook_body, webhook_body


class StoredAlert(Alert):
    """An alert with every distinct source seen so far, oldest first."""

    raised_at: datetime
    sources: list[AlertSource] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def source_count(self) -> int:
        return len(self.sources)


class ActorCount(Value):
    actor: str
    alerts: int


class DeliveryJob(Value):
    """One notification to one channel of one subscription; `delivery_id` is the webhook-id."""

    delivery_id: str
    subscription_id: str
    channel_index: int
    kind: Literal["raised", "source_attached"]
    alert_id: str
    notification: Notification = Field(description="What to tell, built once at enqueue.")
    attempt: int = Field(default=0, ge=0, description="Attempts already made.")
    enqueued_at: datetime = Field(default_factory=utcnow)

    @model_validator(mode="before")
    @classmethod
    def _from_body(cls, data: Any) -> Any:
        """Jobs queued before jobs carried the structure have only the webhook body."""
        if isinstance(data, dict) and "notification" not in data and "payload" in data:
            return {**data, "notification": from_webhook_body(data["payload"])}
        return data

    @computed_field  # type: ignore[prop-decorator]
    @property
    def payload(self) -> str:
        """The webhook body: rendered from the same structure, so every attempt is equal."""
        return webhook_body(self.notification)


class DeadDelivery(Value):
    job: DeliveryJob
    error: str
    dead_at: datetime = Field(default_factory=utcnow)


class DeliveryState(BaseModel):
    status: Literal["pending", "retrying", "delivered", "dead", "disabled", "dropped"]
    attempts: int = 0
    last_status: int | None = None
    last_error: str | None = None
    updated_at: datetime = Field(default_factory=utcnow)


def source_key(source: AlertSource) -> str:
    """Identity of a report within an alert: one sentence of one article by one speaker, however
    often it is announced ("Peskov and Zakharova denied ..." is two reports)."""
    speaker = " ".join(source.speaker.split()).casefold()
    return f"{source.article_id}:{source.span.field}:{source.span.start}:{speaker}"


def report_key(source: AlertSource, kind: ClaimType) -> str:
    """Identity of a report across alerts: sentence, speaker and kind (not the actor, which a
    replay may read differently)."""
    span = source.span
    speaker = " ".join(source.speaker.split()).casefold()
    return f"{source.article_id}:{span.field}:{span.start}:{span.end}:{kind.value}:{speaker}"


def webhook_id(event_key: str, subscription_id: str, channel_index: int) -> str:
    """Deterministic per (alert event, subscription, channel): receivers dedupe on it, so it is
    the same on every attempt and on a redelivery from Kafka."""
    digest = hashlib.sha256(f"{event_key}|{subscription_id}|{channel_index}".encode()).hexdigest()
    return f"msg_{digest[:32]}"

"""Service-internal values: an alert as stored, a delivery job, a dead-lettered delivery."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, computed_field

from schemas.alerts import Alert, AlertSource
from schemas.events import Value, utcnow


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
    payload: str = Field(description="The JSON body, fixed at enqueue so every attempt is equal.")
    attempt: int = Field(default=0, ge=0, description="Attempts already made.")
    enqueued_at: datetime = Field(default_factory=utcnow)


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

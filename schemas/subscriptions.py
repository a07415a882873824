"""Subscriptions: who follows which actor, with which filters, through which channels."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AnyHttpUrl, Field, SecretStr

from schemas.claims import ClaimType
from schemas.events import Value, utcnow


class WebhookChannel(Value):
    kind: Literal["webhook"] = "webhook"
    url: AnyHttpUrl


class AppriseChannel(Value):
    kind: Literal["apprise"] = "apprise"
    url: SecretStr = Field(
        description="An Apprise URL (slack://, tgram://, mailto://, ntfy://...)."
    )


Channel = Annotated[WebhookChannel | AppriseChannel, Field(discriminator="kind")]


class SubscriptionSpec(Value):
    """What a client asks for (the create/update command)."""

    actor: str = Field(
        min_length=1, max_length=200, description="Any name of the actor: 'Kremlin' means Russia."
    )
    types: list[ClaimType] = Field(
        default_factory=lambda: [ClaimType.DENIAL, ClaimType.WARNING], min_length=1
    )
    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    keywords: list[str] = Field(default_factory=list, max_length=50)
    include_updates: bool = Field(
        default=False, description="Also notify further reports of an alert."
    )
    channels: list[Channel] = Field(min_length=1, max_length=10)


class Subscription(SubscriptionSpec):
    id: str
    actor_canonical: str
    created_at: datetime = Field(default_factory=utcnow)
    disabled_channels: list[int] = Field(
        default_factory=list, description="Indexes of channels disabled (HTTP 410)."
    )

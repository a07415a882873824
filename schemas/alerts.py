"""Alerts: a new denial or warning, and the further reports that attach to it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, TypeAdapter

from schemas.claims import ClaimType, Span
from schemas.events import Event, Value


class AlertSource(Value):
    """One report of the speech act: which outlet, article and sentence carry it."""

    article_id: str
    outlet: str | None = None
    url: str | None = None
    title: str = ""
    published_at: datetime | None = None
    speaker: str
    sentence: str
    span: Span


class Alert(Value):
    alert_id: str = Field(description="Derived from what the act is, never from when it was seen.")
    actor: str
    type: ClaimType
    speaker: str
    target: str | None = None
    content: str
    sentence: str
    cue: str
    confidence: float = Field(ge=0.0, le=1.0)
    first_source: AlertSource


class AlertRaised(Event):
    kind: Literal["raised"] = "raised"
    alert: Alert


class SourceAttached(Event):
    """A further report of an alert already raised."""

    kind: Literal["source_attached"] = "source_attached"
    alert_id: str
    actor: str
    type: ClaimType
    source: AlertSource


AlertEvent = Annotated[AlertRaised | SourceAttached, Field(discriminator="kind")]
alert_event_adapter: TypeAdapter[AlertRaised | SourceAttached] = TypeAdapter(AlertEvent)

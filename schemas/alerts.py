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


class AlertRevised(Event):
    """A report older than an alert's first source arrived late: it becomes the first source in
    place. Same alert id; the earlier first source stays one of the alert's sources."""

    kind: Literal["revised"] = "revised"
    alert: Alert = Field(description="The alert as it now reads, `first_source` the older report.")


AnyAlertEvent = AlertRaised | SourceAttached | AlertRevised
AlertEvent = Annotated[AnyAlertEvent, Field(discriminator="kind")]
alert_event_adapter: TypeAdapter[AnyAlertEvent] = TypeAdapter(AlertEvent)

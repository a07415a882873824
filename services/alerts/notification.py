"""What one alert event tells a subscriber, as a structure, and its rendering for each channel.

Built once per event (`notification`); a webhook gets `webhook_body` (Standard Webhooks'
type/timestamp/data envelope, the same bytes on every attempt since it is rendered from the same
stored structure), a chat or e-mail channel gets `apprise_text`.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Literal

from schemas.alerts import Alert, AlertRaised, AlertSource, SourceAttached
from schemas.events import Value


class Notification(Value):
    type: Literal["alert.raised", "alert.source_attached"]
    timestamp: datetime
    alert: Alert
    source: AlertSource | None = None  # the further report, for alert.source_attached


def notification(event: AlertRaised | SourceAttached, alert: Alert) -> Notification:
    if isinstance(event, AlertRaised):
        return Notification(type="alert.raised", timestamp=event.occurred_at, alert=alert)
    return Notification(
        type="alert.source_attached",
        timestamp=event.occurred_at,
        alert=alert,
        source=event.source,
    )


def webhook_body(n: Notification) -> str:
    data: dict[str, Any] = {"alert": n.alert.model_dump(mode="json")}
    if n.source is not None:
        data["source"] = n.source.model_dump(mode="json")
    envelope = {"type": n.type, "timestamp": n.timestamp.isoformat(), "data": data}
    return json.dumps(envelope, separators=(",", ":"))


def from_webhook_body(body: str) -> Notification:
    """The structure back from a body (jobs queued before jobs carried the structure)."""
    envelope = json.loads(body)
    data = envelope["data"]
    return Notification(
        type=envelope["type"],
        timestamp=envelope["timestamp"],
        alert=data["alert"],
        source=data.get("source"),
    )


def apprise_text(n: Notification) -> tuple[str, str]:
    """A short human title and body for chat and e-mail channels."""
    alert = n.alert
    title = f"{alert.actor}: {alert.type.value} by {alert.speaker}"
    if n.source is not None:
        return f"Further report — {title}", n.source.sentence
    return title, alert.sentence

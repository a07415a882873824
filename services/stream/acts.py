"""What novelty remembers of a speech act, and what it decides about a report (pure values)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from schemas.claims import ClaimType
from schemas.events import Value
from services.stream.event_order import OrderKey


class SourceRef(Value):
    """One report of an act, as much as matching and redelivery checks need."""

    source_id: str
    article_id: str
    speaker: str
    names: tuple[str, ...] = Field(default=(), description="person_terms of the speaker")
    occasions: tuple[str, ...] = Field(
        default=(), description="Occasions its sentence names (act_kind.occasions)."
    )


class RecentAct(Value):
    """A speech act already alerted: what it is about and where it was reported."""

    alert_id: str
    actor: str
    type: ClaimType
    target: str | None = None
    terms: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    first_source_id: str
    sources: tuple[SourceRef, ...] = ()
    n_sources: int = 1
    first_seen: datetime
    last_seen: datetime
    published: datetime | None = Field(
        default=None, description="Latest article date among its reports, when articles had one."
    )
    first_order: OrderKey | None = Field(
        default=None, description="Event time of the first report (see event_order.order_key)."
    )
    day: date | None = Field(
        default=None, description="The day the act happened, as its first dated report says."
    )
    first_reported: date | None = Field(
        default=None,
        description="The earliest article date among its reports: it happened by then.",
    )
    plea: bool = Field(default=False, description="Whether the act is a plea in court.")


class RaiseAlert(Value):
    """The claim is a new act: raise `alert_id`. `repeat` marks a redelivered first report."""

    alert_id: str
    source_id: str
    act: RecentAct
    repeat: bool = False


class AttachSource(Value):
    """The claim reports an act already alerted: attach it as a source of `alert_id`."""

    alert_id: str
    source_id: str
    act: RecentAct
    reason: str
    repeat: bool = False


class ReviseAlert(AttachSource):
    """The claim reports `alert_id` but happened before its first report, which arrived first:
    it becomes the first source in place (same alert id, nobody notified again)."""

    previous_source_id: str


Decision = RaiseAlert | AttachSource

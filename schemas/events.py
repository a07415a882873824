"""Event base: every message on a topic is an immutable, timestamped, uniquely-identified fact."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID, uuid4

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


def utcnow() -> datetime:
    return datetime.now(UTC)


class Value(BaseModel):
    """A frozen value that tolerates fields added by newer producers."""

    model_config = ConfigDict(frozen=True, extra="ignore")


class Event(Value):
    event_id: UUID = Field(default_factory=uuid4)
    occurred_at: AwareDatetime = Field(default_factory=utcnow)

"""Claims: one attributed speech act each, and the events that carry them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from schemas.events import Event, Value


class ClaimType(StrEnum):
    DENIAL = "denial"
    WARNING = "warning"
    ACCUSATION = "accusation"
    ASSERTION = "assertion"


ALERT_TYPES = frozenset({ClaimType.DENIAL, ClaimType.WARNING})


class Span(Value):
    """Where the evidence sentence is: `getattr(article, field)[start:end] == sentence`."""

    field: Literal["title", "text"] = "text"
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError("span end before start")
        return self


class Claim(Value):
    article_id: str
    type: ClaimType
    speaker: str = Field(description="Most specific speaker, pronouns resolved.")
    actor: str = Field(description="Canonical name of whom the speaker speaks for.")
    target: str | None = None
    content: str = Field(description="Short paraphrase of the proposition.")
    quote: str | None = Field(default=None, description="Direct quote, when there is one.")
    sentence: str = Field(description="The evidence sentence, exactly as in the article.")
    span: Span
    cue: str = Field(description="The verb or phrase that makes it a speech act.")
    confidence: float = Field(ge=0.0, le=1.0)


class ArticleRef(Value):
    """What a claim event carries about its article, so downstream needs no lookup."""

    article_id: str
    source: str | None = None
    url: str | None = None
    title: str = ""
    published_at: datetime | None = None
    ingested_at: datetime | None = Field(
        default=None, description="When ingest published the article: event order among equals."
    )


class ClaimExtracted(Event):
    """On `claims`, keyed by the claim's actor."""

    claim: Claim
    article: ArticleRef

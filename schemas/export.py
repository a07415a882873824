"""Export every wire model as JSON Schema into schemas/json/ (`claimwatch schemas`)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, TypeAdapter

from schemas.alerts import (
    Alert,
    AlertRaised,
    AlertRevised,
    AlertSource,
    SourceAttached,
    alert_event_adapter,
)
from schemas.articles import Article, ArticleIn, ArticlePublished
from schemas.claims import Claim, ClaimExtracted
from schemas.dead_letters import DeadLetter
from schemas.feeds import Feed, FeedHealth, FeedSpec, FeedStatus
from schemas.subscriptions import Subscription, SubscriptionSpec

SCHEMA_DIR = Path(__file__).parent / "json"

MODELS: dict[str, type[BaseModel] | TypeAdapter[object]] = {
    "ArticleIn": ArticleIn,
    "Article": Article,
    "ArticlePublished": ArticlePublished,
    "Claim": Claim,
    "ClaimExtracted": ClaimExtracted,
    "Alert": Alert,
    "AlertSource": AlertSource,
    "AlertRaised": AlertRaised,
    "SourceAttached": SourceAttached,
    "AlertRevised": AlertRevised,
    "AlertEvent": alert_event_adapter,  # type: ignore[dict-item]
    "SubscriptionSpec": SubscriptionSpec,
    "Subscription": Subscription,
    "DeadLetter": DeadLetter,
    "FeedSpec": FeedSpec,
    "Feed": Feed,
    "FeedHealth": FeedHealth,
    "FeedStatus": FeedStatus,
}


def render_all() -> dict[str, str]:
    """File name -> JSON text, exactly as it should be on disk."""
    out = {}
    for name, model in MODELS.items():
        schema = (
            model.json_schema() if isinstance(model, TypeAdapter) else model.model_json_schema()
        )
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return out


def export(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, text in render_all().items():
        path = directory / filename
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written

"""The watched feeds and their health, read-only, for the dashboard (the sources service owns
them and its API manages them; both read the same Redis keys through the feed registry)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from schemas.feeds import FeedStatus
from services.alerts.components import Components
from services.alerts.http.auth import components, require_read
from services.common.feed_registry import FeedRegistry

router = APIRouter(prefix="/feeds", tags=["feeds"], dependencies=[Depends(require_read)])
Comp = Annotated[Components, Depends(components)]


@router.get("")
async def list_feeds(request: Request, comp: Comp) -> list[FeedStatus]:
    """Each watched feed with its health: last success, last error, failures in a row, and
    what it has done (polls, 304s, items, pages fetched, articles published)."""
    prefix: str = request.app.state.settings.redis.key_prefix
    return await FeedRegistry(comp.redis, prefix).statuses()

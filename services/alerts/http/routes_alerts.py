"""Reading alerts: list and detail, the live stream, actors with counts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from sse_starlette import EventSourceResponse

from schemas.claims import ClaimType
from services.alerts.components import Components
from services.alerts.http.auth import components, require_read
from services.alerts.http.live import alert_events
from services.alerts.matching import canonical_name, live_filter
from services.alerts.models import ActorCount, StoredAlert

router = APIRouter(tags=["alerts"], dependencies=[Depends(require_read)])
Comp = Annotated[Components, Depends(components)]


def _names(actor: str | None, comp: Components) -> list[str] | None:
    """Any alias resolves to the actor; the name as written also finds a speaker."""
    if not actor:
        return None
    raw = " ".join(actor.split())
    return list(dict.fromkeys([canonical_name(raw, comp.resolve), raw]))


@router.get("/alerts")
async def list_alerts(
    comp: Comp,
    actor: str | None = None,
    type: Annotated[list[ClaimType] | None, Query()] = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[StoredAlert]:
    """Newest first. `actor` takes any name ('Kremlin', 'Moscow') or a speaker's name."""
    return await comp.store.list_alerts(
        names=_names(actor, comp), types=type, since=since, until=until, limit=limit
    )


@router.get("/alerts/stream", response_class=EventSourceResponse)
async def stream_alerts(
    request: Request,
    comp: Comp,
    actor: str | None = None,
    last_event_id: Annotated[str | None, Header()] = None,
) -> EventSourceResponse:
    """Server-sent events (`raised`, `source_attached`, `revised`); Last-Event-ID resumes."""
    events = alert_events(
        comp.store, last_event_id=last_event_id, accept=live_filter(actor, comp.resolve)
    )
    return EventSourceResponse(events, ping=request.app.state.settings.sse_ping_seconds)


@router.get("/alerts/{alert_id}")
async def read_alert(alert_id: str, comp: Comp) -> StoredAlert:
    alert = await comp.store.get(alert_id)
    if alert is None:
        raise HTTPException(404, detail="no such alert")
    return alert


@router.get("/actors")
async def list_actors(comp: Comp) -> list[ActorCount]:
    return await comp.store.actor_counts()

"""The sources service's HTTP API: manage watched feeds (with the key), health and metrics."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, suppress
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request, Response, Security, status
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader
from fastapi_offline import FastAPIOffline
from prometheus_client import CollectorRegistry
from redis.exceptions import RedisError

from schemas.feeds import Feed, FeedSpec, FeedStatus
from services.common.metrics import HttpMetrics, metrics_router, new_registry
from services.common.ssrf import BlockedAddress
from services.sources.metrics import SourceMetrics
from services.sources.runtime import Components, open_components
from services.sources.scheduler import Scheduler
from services.sources.settings import Settings

Opener = Callable[[Settings, SourceMetrics], AbstractAsyncContextManager[Components]]
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


def require_key(request: Request, given: str | None = Security(api_key_header)) -> None:
    expected = request.app.state.settings.api_key.get_secret_value().encode()
    # compare_digest: the time taken says nothing about how much of the key matched.
    if not given or not secrets.compare_digest(given.encode(), expected):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail="missing or wrong X-API-Key",
            headers={"WWW-Authenticate": "ApiKey"},
        )


def components(request: Request) -> Components:
    found: Components = request.app.state.components
    return found


Comp = Annotated[Components, Depends(components)]
router = APIRouter(prefix="/feeds", tags=["feeds"], dependencies=[Depends(require_key)])


@router.get("")
async def list_feeds(comp: Comp) -> list[FeedStatus]:
    return await comp.feeds.statuses()


@router.post("", status_code=201, responses={422: {"description": "refused URL"}})
async def add_feed(spec: FeedSpec, response: Response, comp: Comp) -> Feed:
    """Watch a feed (same URL again: updates its interval and label). A URL whose host is or
    resolves to a private address is refused unless the service's allow-list names it."""
    try:
        await comp.guard.check(str(spec.url))
    except BlockedAddress as exc:
        raise HTTPException(422, detail=f"feed URL refused: {exc}") from exc
    feed = Feed.from_spec(spec)
    existing = await comp.feeds.get(feed.id)
    if existing is not None:
        feed = feed.model_copy(update={"added_at": existing.added_at})
        response.status_code = 200
    await comp.feeds.add(feed)
    return feed


@router.delete("/{feed_id}", status_code=204)
async def remove_feed(feed_id: str, comp: Comp) -> Response:
    if not await comp.feeds.remove(feed_id):
        raise HTTPException(404, detail=f"no feed {feed_id}")
    return Response(status_code=204)


def create_app(
    settings: Settings,
    *,
    opener: Opener = open_components,
    registry: CollectorRegistry | None = None,
    poll: bool = True,
) -> FastAPI:
    """The API, with the polling loop running beside it (unless `poll` is False)."""
    registry = registry or new_registry()
    metrics = SourceMetrics(registry)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with opener(settings, metrics) as comp:
            app.state.components = comp
            stop = asyncio.Event()
            scheduler = Scheduler(comp.poller, comp.feeds, tick_seconds=settings.poll.tick_seconds)
            loop = asyncio.create_task(scheduler.run(stop)) if poll else None
            try:
                yield
            finally:
                stop.set()
                if loop is not None:
                    with suppress(asyncio.CancelledError):
                        await loop

    # FastAPIOffline serves the docs page's scripts and styles itself: /docs works offline.
    app = FastAPIOffline(
        title="claimwatch sources",
        version="0.1.0",
        summary="News feeds watched: each new item's page fetched once and published.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    # HTTP metrics share the service's registry, so one /metrics shows both.
    app.add_middleware(HttpMetrics, registry=registry)
    app.include_router(router)
    app.include_router(metrics_router(registry))

    @app.get("/livez", tags=["health"])
    async def livez() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"])
    async def readyz(request: Request) -> JSONResponse:
        comp: Components | None = getattr(request.app.state, "components", None)
        ok = comp is not None and await _redis_ok(comp)
        return JSONResponse({"ready": ok, "checks": {"redis": ok}}, status_code=200 if ok else 503)

    return app


async def _redis_ok(comp: Components) -> bool:
    try:
        return bool(await asyncio.wait_for(comp.redis.ping(), 2.0))
    except (RedisError, OSError, TimeoutError):
        return False

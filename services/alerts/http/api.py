"""The alert service's HTTP API: subscriptions, alerts, live stream, deliveries, health, metrics."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager

from fastapi import FastAPI, Response
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline
from prometheus_client import CONTENT_TYPE_LATEST
from redis.exceptions import RedisError

from services.alerts.components import Components
from services.alerts.http import (
    routes_alerts,
    routes_articles,
    routes_deliveries,
    routes_feeds,
    routes_subscriptions,
)
from services.alerts.http.dashboard import router as dashboard_router
from services.alerts.metrics import REGISTRY
from services.alerts.settings import Settings
from services.common.kafka import kafka_reachable
from services.common.metrics import HttpMetrics, generate_latest, new_registry

Background = Callable[[Settings, Components], AbstractAsyncContextManager[None]]


def create_app(
    settings: Settings,
    *,
    components: Components,
    background: Background | None = None,
) -> FastAPI:
    """The API over `components` (built by bootstrap.py, or fakes in tests). `background` runs
    beside it for the app's lifetime (the consumers and delivery workers)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            await components.queue.ensure_group()
            if background is not None:
                await stack.enter_async_context(background(settings, components))
            yield

    # FastAPIOffline serves the docs page's scripts and styles itself: /docs works offline.
    app = FastAPIOffline(
        title="claimwatch alerts",
        version="0.1.0",
        summary="Subscriptions to actors' denials and warnings, and their delivery.",
        lifespan=lifespan,
        swagger_ui_parameters={"validatorUrl": None},  # no call to an online validator
    )
    app.state.settings = settings
    app.state.components = components
    http_registry = new_registry()
    app.add_middleware(HttpMetrics, registry=http_registry)
    app.include_router(routes_subscriptions.router)
    app.include_router(routes_alerts.router)
    app.include_router(routes_articles.router)
    app.include_router(routes_deliveries.router)
    app.include_router(routes_feeds.router)
    app.include_router(dashboard_router)

    @app.get("/livez", tags=["health"])
    async def livez() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"])
    async def readyz() -> JSONResponse:
        comp: Components = app.state.components
        checks = {"redis": await _redis_ok(comp), "kafka": await _kafka_ok(comp, settings)}
        code = 200 if all(checks.values()) else 503
        return JSONResponse({"ready": code == 200, "checks": checks}, status_code=code)

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        body = generate_latest(REGISTRY) + generate_latest(http_registry)
        return Response(body, media_type=CONTENT_TYPE_LATEST)

    return app


async def _redis_ok(comp: Components) -> bool:
    try:
        return bool(await asyncio.wait_for(comp.redis.ping(), 2.0))
    except (RedisError, OSError, TimeoutError):
        return False


async def _kafka_ok(comp: Components, settings: Settings) -> bool:
    ready = await comp.readiness.check()
    if ready is not None:
        return ready
    return await kafka_reachable(settings.kafka, timeout_s=2.0)

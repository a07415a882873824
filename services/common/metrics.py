"""Prometheus helpers: one registry per app, standard histograms, HTTP metrics and `/metrics`."""

from __future__ import annotations

import time
from collections.abc import Sequence

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client import generate_latest as _generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Seconds: from a cache hit (1 ms) to a slow broker round trip (10 s).
LATENCY_BUCKETS: tuple[float, ...] = (
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
)  # fmt: skip


def new_registry() -> CollectorRegistry:
    """A fresh registry: each app owns one, so building two apps in one process never clashes."""
    return CollectorRegistry(auto_describe=True)


def latency_histogram(
    name: str,
    documentation: str,
    registry: CollectorRegistry,
    labelnames: Sequence[str] = (),
) -> Histogram:
    return Histogram(
        name, documentation, labelnames=labelnames, buckets=LATENCY_BUCKETS, registry=registry
    )


def generate_latest(registry: CollectorRegistry) -> bytes:
    return _generate_latest(registry)


def metrics_router(registry: CollectorRegistry, path: str = "/metrics") -> APIRouter:
    """A router serving `registry` in the Prometheus text format at `path`."""
    router = APIRouter()

    @router.get(path, include_in_schema=False)
    def metrics() -> Response:
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    return router


class HttpMetrics:
    """Pure ASGI middleware: request count and latency by method, route template and status.

    Labels use the route template (`/alerts/{alert_id}`), never the raw path, so that ids in
    URLs cannot explode the number of series. Streaming responses (SSE) are not buffered.
    """

    def __init__(self, app: ASGIApp, registry: CollectorRegistry, prefix: str = "http") -> None:
        self.app = app
        self.requests = Counter(
            f"{prefix}_requests",
            "HTTP requests by method, route and status.",
            ["method", "route", "status"],
            registry=registry,
        )
        self.latency = latency_histogram(
            f"{prefix}_request_duration_seconds",
            "HTTP request latency until the response starts, by method and route.",
            registry,
            ["method", "route"],
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        started = False

        async def send_wrapper(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                self._observe(scope, int(message["status"]), start)
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception:
            if not started:
                self._observe(scope, 500, start)
            raise

    def _observe(self, scope: Scope, status: int, start: float) -> None:
        route = scope.get("route")
        template = getattr(route, "path", None) or "unmatched"
        method = str(scope.get("method", "GET"))
        self.requests.labels(method, template, str(status)).inc()
        self.latency.labels(method, template).observe(time.perf_counter() - start)

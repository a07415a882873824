"""Prometheus helpers: per-app registries, /metrics, HTTP metrics by route template."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from services.common.metrics import (
    LATENCY_BUCKETS,
    HttpMetrics,
    latency_histogram,
    metrics_router,
    new_registry,
)


def build_app() -> FastAPI:
    registry = new_registry()
    app = FastAPI()
    app.add_middleware(HttpMetrics, registry=registry, prefix="svc_http")
    app.include_router(metrics_router(registry))

    @app.get("/items/{item_id}")
    async def item(item_id: str) -> dict[str, str]:
        return {"id": item_id}

    return app


async def test_requests_are_labelled_by_route_template_not_raw_path() -> None:
    app = build_app()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        for i in range(3):
            await c.get(f"/items/{i}")
        await c.get("/nowhere")
        text = (await c.get("/metrics")).text
    assert 'svc_http_requests_total{method="GET",route="/items/{item_id}",status="200"} 3.0' in text
    assert 'svc_http_requests_total{method="GET",route="unmatched",status="404"} 1.0' in text
    assert 'route="/items/0"' not in text
    assert (
        'svc_http_request_duration_seconds_count{method="GET",route="/items/{item_id}"} 3.0' in text
    )


def test_two_apps_in_one_process_do_not_clash() -> None:
    build_app()
    build_app()


def test_latency_histogram_uses_the_standard_buckets() -> None:
    registry = new_registry()
    histogram = latency_histogram("work_seconds", "Work.", registry, ["kind"])
    histogram.labels("a").observe(0.003)
    samples = {
        s.labels["le"]: s.value
        for metric in registry.collect()
        for s in metric.samples
        if s.name == "work_seconds_bucket"
    }
    assert len(samples) == len(LATENCY_BUCKETS) + 1
    assert samples["0.0025"] == 0.0 and samples["0.005"] == 1.0

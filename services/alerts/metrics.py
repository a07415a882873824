"""Prometheus metrics of the alert service."""

from __future__ import annotations

from prometheus_client import Counter

from services.common.metrics import latency_histogram, new_registry

# The service's own series live in one module-level registry (handlers and workers are not
# per-app); each app adds its HTTP metrics in a registry of its own, and /metrics serves both.
REGISTRY = new_registry()

ALERT_EVENTS = Counter(
    "claimwatch_alert_events_total",
    "Alert events consumed, by kind and store outcome",
    ["kind", "outcome"],
    registry=REGISTRY,
)
DEAD_LETTERED = Counter(
    "claimwatch_alerts_dead_letters_total", "Undecodable records on `alerts`", registry=REGISTRY
)
DELIVERIES = Counter(
    "claimwatch_deliveries_total",
    "Delivery attempts by channel and outcome",
    ["channel", "outcome"],
    registry=REGISTRY,
)
DELIVERY_SECONDS = latency_histogram(
    "claimwatch_delivery_seconds", "Time of one delivery attempt", REGISTRY, ["channel"]
)
HANDLE_SECONDS = latency_histogram(
    "claimwatch_alert_handle_seconds", "Store and enqueue of one alert event", REGISTRY
)
ARTICLE_CACHE_WRITES = Counter(
    "claimwatch_article_cache_writes_total",
    "Articles and claims cached for the article view, by kind",
    ["kind"],
    registry=REGISTRY,
)

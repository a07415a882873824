"""What the sources service measures, per feed (labelled by feed id: bounded by the feeds)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter

from services.common.metrics import latency_histogram

_P = "claimwatch_sources"


class SourceMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry

        def counter(name: str, doc: str) -> Counter:
            return Counter(f"{_P}_{name}", doc, ["feed"], registry=registry)

        self.polls = counter("polls", "Feed polls, whatever their outcome.")
        self.poll_errors = counter("poll_errors", "Feed polls that failed (the feed backs off).")
        self.not_modified = counter("not_modified", "Feed polls answered 304 Not Modified.")
        self.items_seen = counter("items_seen", "Items read in feed documents (200 answers).")
        self.pages_fetched = counter("pages_fetched", "Article pages requested (HTTP answers).")
        self.page_errors = counter("page_errors", "Pages that failed: HTTP errors, timeouts.")
        self.extraction_failures = counter(
            "extraction_failures", "Fetched pages with no article text in them."
        )
        self.disallowed = counter("disallowed", "Pages robots.txt or the SSRF guard ruled out.")
        self.unsupported_language = counter(
            "unsupported_language", "Pages not published: their story is not in English."
        )
        self.published = counter("published", "Articles published to the articles topic.")
        self.poll_latency = latency_histogram(
            f"{_P}_poll_duration_seconds", "One feed poll, pages included.", registry
        )

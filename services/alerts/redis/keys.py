"""Every Redis key of the alert service, built here and only here, under one prefix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Keys:
    prefix: str = "claimwatch"

    def _k(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    # alerts
    def alert(self, alert_id: str) -> str:
        return self._k("alert", alert_id)

    def alert_sources(self, alert_id: str) -> str:
        """Hash source-key -> AlertSource JSON: a source attached twice is one field."""
        return self._k("alert", alert_id, "sources")

    def alert_source_order(self, alert_id: str) -> str:
        return self._k("alert", alert_id, "source-order")

    def timeline(self) -> str:
        return self._k("timeline")

    def actor_timeline(self, actor: str) -> str:
        return self._k("timeline", "actor", actor.casefold())

    def speaker_timeline(self, speaker: str) -> str:
        return self._k("timeline", "speaker", speaker.casefold())

    def actor_counts(self) -> str:
        return self._k("actors")

    def report_owner(self, report: str) -> str:
        """Which alert a report (article, sentence, speaker, type) belongs to: at most one."""
        return self._k("report", report)

    def article_alerts(self, article_id: str) -> str:
        return self._k("article", article_id, "alerts")

    # articles' text and claims: short-lived unless an alert names the article
    def article(self, article_id: str) -> str:
        """JSON of the article (title, text, url, source, published_at)."""
        return self._k("article", article_id, "body")

    def article_claims(self, article_id: str) -> str:
        """Hash claim-id -> ClaimExtracted's claim JSON: a redelivered claim is one field."""
        return self._k("article", article_id, "claims")

    def article_pinned(self, article_id: str) -> str:
        """Marker that an alert names the article: its body and claims are kept, whichever
        of the alert, the article and its claims arrives first."""
        return self._k("article", article_id, "pinned")

    def events(self) -> str:
        """Stream of alert events for the live feed; its ids are the SSE event ids."""
        return self._k("events")

    # subscriptions
    def subscriptions(self) -> str:
        return self._k("subs")

    def subscription(self, sub_id: str) -> str:
        return self._k("sub", sub_id)

    def subscription_secret(self, sub_id: str) -> str:
        return self._k("sub", sub_id, "secret")

    # deliveries
    def delivery_queue(self) -> str:
        return self._k("deliveries", "queue")

    def delivery_scheduled(self) -> str:
        return self._k("deliveries", "scheduled")

    def delivery_dead(self) -> str:
        return self._k("deliveries", "dead")

    def delivery_state(self, delivery_id: str) -> str:
        return self._k("delivery", delivery_id)

    def delivery_enqueued(self, delivery_id: str) -> str:
        """Marker that a delivery was enqueued once: Kafka redelivery does not enqueue it again."""
        return self._k("delivery", delivery_id, "enqueued")

    def fanned_out(self, event_key: str) -> str:
        """Set once every delivery of an alert event is enqueued (see handlers)."""
        return self._k("fanout", event_key)

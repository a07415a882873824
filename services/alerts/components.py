"""What the API serves and the background works with; bootstrap.py builds it, tests pass fakes."""

from __future__ import annotations

from dataclasses import dataclass, field

from redis.asyncio import Redis

from services.alerts.kafka.readiness import KafkaReadiness
from services.alerts.matching import Resolve
from services.alerts.redis.alert_store import AlertStore
from services.alerts.redis.article_store import ArticleStore
from services.alerts.redis.delivery_queue import DeliveryQueue
from services.alerts.redis.subscription_store import SubscriptionStore
from services.common.ssrf import AllowList, Resolver


@dataclass
class Components:
    redis: Redis
    store: AlertStore
    subscriptions: SubscriptionStore
    queue: DeliveryQueue
    resolve: Resolve
    allow: AllowList
    dns: Resolver
    # Articles' text and claims for the article view; None: the view shows alerts' sentences.
    articles: ArticleStore | None = None
    readiness: KafkaReadiness = field(default_factory=KafkaReadiness)

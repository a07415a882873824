"""Settings of the alert service, built once in `__main__`."""

from __future__ import annotations

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from services.common.settings import (
    ENV_PREFIX,
    KafkaSettings,
    LogSettings,
    RedisSettings,
    TopicSettings,
)
from services.common.ssrf import AllowHosts


class RetrySettings(BaseModel):
    """Exponential backoff with full jitter: about 8 attempts spread over several hours."""

    base_seconds: float = Field(default=30.0, gt=0)
    factor: float = Field(default=3.0, ge=1.0)
    cap_seconds: float = Field(default=4 * 3600.0, gt=0)
    max_attempts: int = Field(default=8, ge=1)
    # Retry-After may not push a retry further than this, so a hostile server can't park it.
    max_retry_after_seconds: float = Field(default=6 * 3600.0, gt=0)


class DeliverySettings(BaseModel):
    timeout_seconds: float = Field(default=10.0, gt=0)
    workers: int = Field(default=4, ge=1)
    batch: int = Field(default=16, ge=1)
    # A delivery a crashed worker left pending is reclaimed after this long.
    reclaim_idle_seconds: float = Field(default=120.0, gt=0)
    poll_seconds: float = Field(default=1.0, gt=0)
    # Destinations a webhook may reach even though they are not global (a receiver on
    # loopback in tests and local runs). `host:port` allows that port only; a bare host name,
    # address or network allows every port. Empty by default: only public addresses.
    allow_hosts: AllowHosts = Field(default_factory=list)
    retry: RetrySettings = Field(default_factory=RetrySettings)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_nested_delimiter="__", extra="ignore", populate_by_name=True
    )

    api_key: SecretStr = Field(description="Required: management calls need it as X-API-Key.")
    # Reading alerts needs the key too unless this says otherwise (the dashboard sends it from
    # its #key= fragment); `claimwatch up` turns it off on its loopback-only stack.
    read_requires_key: bool = True
    host: str = "127.0.0.1"
    port: int = Field(default=8001, ge=0, le=65535)
    consumer_group: str = "claimwatch-alerts"
    consumer_name: str = "alerts-1"
    event_stream_maxlen: int = Field(default=100_000, ge=100)
    # The article view: every article's text and claims are cached this long (from their last
    # write) in case an alert names the article; at 1.5 million articles a day, 600 s is about
    # 10,000 articles in Redis. It must exceed the worker's lag from article to alert.
    article_cache_seconds: int = Field(default=600, ge=1)
    # Articles an alert names are kept this long (0: for good).
    article_retention_seconds: int = Field(default=30 * 86_400, ge=0)
    # The consumer of `articles` and `claims` (default: consumer_group + "-articles").
    article_consumer_group: str | None = None
    sse_ping_seconds: float = Field(default=15.0, gt=0)
    kafka: KafkaSettings = Field(default_factory=KafkaSettings)
    topics: TopicSettings = Field(default_factory=TopicSettings)
    redis: RedisSettings = Field(default_factory=RedisSettings)
    log: LogSettings = Field(default_factory=LogSettings)
    delivery: DeliverySettings = Field(default_factory=DeliverySettings)

    @property
    def articles_group(self) -> str:
        return self.article_consumer_group or f"{self.consumer_group}-articles"

"""Settings of the sources service, built once in `__main__`."""

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


class FetchSettings(BaseModel):
    """How politely and cheaply pages and feeds are fetched."""

    user_agent: str = "claimwatch-sources/0.1 (news monitor; reads feeds and the pages they link)"
    timeout_seconds: float = Field(default=15.0, gt=0)
    max_feed_bytes: int = Field(default=5 * 1024 * 1024, ge=1024)
    max_page_bytes: int = Field(default=3 * 1024 * 1024, ge=1024)
    max_redirects: int = Field(default=5, ge=0)
    # At most one request at a time to a host, and at least this long between two of them.
    min_host_interval_seconds: float = Field(default=1.0, ge=0)
    # Host names, IP addresses, networks, or `host:port`, that feeds and pages may reach even
    # though they are not public addresses (loopback in local runs). Empty: public only.
    allow_hosts: AllowHosts = Field(default_factory=list)
    robots_cache_seconds: float = Field(default=3600.0, ge=0)


class PollSettings(BaseModel):
    """How often, how much, and how to back off."""

    tick_seconds: float = Field(default=1.0, gt=0)
    max_items_per_poll: int = Field(default=50, ge=1)
    # After n failures in a row the next poll waits every * 2**n, capped here.
    max_backoff_seconds: float = Field(default=6 * 3600.0, gt=0)
    # A page is fetched once: its URL is remembered this long.
    seen_ttl_seconds: int = Field(default=30 * 86_400, ge=60)
    # A page that failed for a passing reason (timeout, 5xx) is tried at most this often.
    page_attempts: int = Field(default=3, ge=1)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_nested_delimiter="__", extra="ignore", populate_by_name=True
    )

    api_key: SecretStr = Field(description="Required: the feeds API needs it as X-API-Key.")
    host: str = "127.0.0.1"
    port: int = Field(default=8002, ge=0, le=65535)
    create_topics: bool = True
    # As at ingest: a page whose story is confidently not in English is not published.
    language_check: bool = True
    fetch: FetchSettings = Field(default_factory=FetchSettings)
    poll: PollSettings = Field(default_factory=PollSettings)
    kafka: KafkaSettings = Field(default_factory=KafkaSettings)
    topics: TopicSettings = Field(default_factory=TopicSettings)
    redis: RedisSettings = Field(default_factory=RedisSettings)
    log: LogSettings = Field(default_factory=LogSettings)

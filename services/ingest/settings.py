"""Settings of the ingest service and of `claimwatch replay`, built once at start-up."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from services.common.settings import ENV_PREFIX, KafkaSettings, LogSettings, TopicSettings


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_nested_delimiter="__", extra="ignore", populate_by_name=True
    )

    # Loopback by default: docker-compose sets CLAIMWATCH_HOST=0.0.0.0 inside the container.
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    # An article is at most 200k characters (up to 4 bytes each in UTF-8, plus JSON escapes);
    # a batch of them must still fit, and anything bigger is refused before it is parsed.
    max_body_bytes: int = Field(default=8 * 1024 * 1024, ge=1024)
    max_batch: int = Field(default=100, ge=1)
    # How long a readiness answer is reused: probes may poll every second, Kafka needn't.
    ready_cache_seconds: float = Field(default=5.0, ge=0)
    ready_timeout_seconds: float = Field(default=3.0, gt=0)
    # A request waits at most this long for Kafka's acknowledgement, then gets a 503. The
    # articles may still be delivered afterwards: a client retry then repeats the same key,
    # and consumers treat a repeated article id as the same article (at-least-once).
    publish_timeout_seconds: float = Field(default=10.0, gt=0)
    create_topics: bool = True
    # POST /articles needs this as X-API-Key (compose and `claimwatch up` set it). Without
    # it the service refuses to start, unless open_writes says writes need no key.
    api_key: SecretStr | None = None
    # For a closed test rig only: anyone who reaches the port may publish articles.
    open_writes: bool = False
    # Articles confidently not in English are not published (outcome unsupported_language).
    language_check: bool = True
    kafka: KafkaSettings = Field(default_factory=KafkaSettings)
    topics: TopicSettings = Field(default_factory=TopicSettings)
    log: LogSettings = Field(default_factory=LogSettings)

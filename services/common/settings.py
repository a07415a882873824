"""Settings sections shared by every service: Kafka, topics, Redis, logging."""

from __future__ import annotations

from pydantic import BaseModel, Field, SecretStr

ENV_PREFIX = "CLAIMWATCH_"


class KafkaSettings(BaseModel):
    bootstrap_servers: str = "127.0.0.1:9092"
    client_id: str = "claimwatch"
    # Apache Kafka supports the idempotent producer; the embedded Tansu broker does not
    # (InitProducerId fails), so the launcher for Tansu turns it off.
    idempotent_producer: bool = True
    request_timeout_ms: int = Field(default=30_000, ge=1_000)


class TopicSettings(BaseModel):
    articles: str = "articles"
    claims: str = "claims"
    alerts: str = "alerts"
    dead_letters: str = "dead-letters"
    partitions: int = Field(default=4, ge=1)
    replication_factor: int = Field(default=1, ge=1)


class RedisSettings(BaseModel):
    url: str = "redis://127.0.0.1:6379/0"
    password: SecretStr | None = None
    key_prefix: str = "claimwatch"


class LogSettings(BaseModel):
    level: str = "INFO"
    json_format: bool = Field(default=True, alias="json")

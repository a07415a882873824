"""Settings of the stream workers (`claimwatch worker`), built once at start-up."""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from services.common.settings import ENV_PREFIX, KafkaSettings, LogSettings, TopicSettings
from services.stream.novelty import DEFAULT_MAX_ACTS


class NoveltySettings(BaseModel):
    window_days: float = Field(default=14.0, gt=0)
    max_acts_per_actor: int = Field(default=DEFAULT_MAX_ACTS, ge=1)
    # Each claim waits this long, then is decided with the earlier (in event time) claims of
    # its actor (see event_order.py); 0 decides each claim as it comes. It adds to latency.
    reorder_window_s: float = Field(default=2.0, ge=0)

    @property
    def window(self) -> timedelta:
        return timedelta(days=self.window_days)

    @property
    def reorder_window(self) -> timedelta:
        return timedelta(seconds=self.reorder_window_s)


class FaustSettings(BaseModel):
    app_id: str = "claimwatch-stream"
    # Table state lives in memory and in its changelog topic; a restarted worker rebuilds
    # it from the changelog (python-rocksdict/rocksdb are not installed here).
    store: str = "memory://"
    datadir: str = "/tmp/claimwatch-stream"
    # A consumer group's first join waits for this long (about 30 s with faust's default);
    # a small value makes start-up and rebalances quick on a local broker.
    rebalance_timeout_s: float = Field(default=10.0, gt=0)
    session_timeout_s: float = Field(default=30.0, gt=0)
    heartbeat_interval_s: float = Field(default=3.0, gt=0)
    commit_interval_s: float = Field(default=1.0, gt=0)
    # How often the watchdog looks for a source partition stalled on a lost record
    # (stall_watchdog.py); it acts after two looks in a row agree.
    stall_check_interval_s: float = Field(default=10.0, gt=0)
    web_enabled: bool = False
    web_port: int = Field(default=6066, ge=0, le=65535)
    web_host: str = "127.0.0.1"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_nested_delimiter="__", extra="ignore", populate_by_name=True
    )

    kafka: KafkaSettings = Field(default_factory=KafkaSettings)
    topics: TopicSettings = Field(default_factory=TopicSettings)
    novelty: NoveltySettings = Field(default_factory=NoveltySettings)
    faust: FaustSettings = Field(default_factory=FaustSettings)
    log: LogSettings = Field(default_factory=LogSettings)
    create_topics: bool = True
    # Prometheus `/metrics` from the worker's own small HTTP server; 0 turns it off. Each
    # worker on one host needs its own port (`claimwatch up` picks a free one).
    metrics_port: int = Field(default=9102, ge=0, le=65535)
    metrics_host: str = "127.0.0.1"
    # How often the consumer-lag gauge is refreshed from the consumer's offsets.
    metrics_lag_interval_s: float = Field(default=5.0, gt=0)

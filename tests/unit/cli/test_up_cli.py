"""`claimwatch up`'s command line: one spelling per setting, and --allow-webhook HOST:PORT only."""

from __future__ import annotations

import argparse

import pytest

from services.cli.up import UpSettings, host_port_arg, renamed_warnings


def test_the_stack_settings_use_the_services_spelling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS", "kafka:9092")
    monkeypatch.setenv("CLAIMWATCH_REDIS__URL", "redis://r:6379/0")
    monkeypatch.setenv("CLAIMWATCH_KAFKA_BOOTSTRAP_SERVERS", "old:1")  # the old spelling
    settings = UpSettings()
    assert settings.kafka.bootstrap_servers == "kafka:9092"
    assert settings.redis.url == "redis://r:6379/0"


def test_the_old_spelling_is_named_in_a_warning_and_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS", "CLAIMWATCH_REDIS__URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CLAIMWATCH_KAFKA_BOOTSTRAP_SERVERS", "old:1")
    assert UpSettings().kafka.bootstrap_servers is None
    [warning] = renamed_warnings({"CLAIMWATCH_KAFKA_BOOTSTRAP_SERVERS": "old:1"})
    assert "CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS" in warning
    assert renamed_warnings({}) == []


@pytest.mark.parametrize("value", ["127.0.0.1:9000", "[::1]:9000", "hooks.local:8080"])
def test_allow_webhook_takes_host_and_port(value: str) -> None:
    assert host_port_arg(value) == value


@pytest.mark.parametrize("value", ["127.0.0.1", "localhost", "10.0.0.0/8", "::1", "h:0", "h:x"])
def test_allow_webhook_refuses_a_bare_host_or_network(value: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        host_port_arg(value)

"""Where replay publishes: flags, else variables, else the running `up`'s stack file."""

from __future__ import annotations

import argparse
import os

from pydantic import SecretStr

from services.cli.replay_target import resolve
from services.ingest.settings import Settings
from services.launcher.stackfile import StackInfo

STACK = StackInfo(
    pid=os.getpid(), start_ticks=0, ingest_url="http://127.0.0.1:1", alerts_url="http://h:2",
    api_key=SecretStr("k"), bootstrap_servers="127.0.0.1:19092", idempotent_producer=False,
    articles_topic="articles-ns",
)  # fmt: skip


def args(**given: object) -> argparse.Namespace:
    return argparse.Namespace(
        **({"bootstrap": None, "topic": None, "no_idempotence": False} | given)
    )


def test_with_nothing_said_the_stack_gives_broker_topic_and_idempotence() -> None:
    target = resolve(args(), Settings(), {}, STACK)
    kafka = target.settings.kafka
    assert (kafka.bootstrap_servers, kafka.idempotent_producer) == ("127.0.0.1:19092", False)
    assert target.settings.topics.articles == "articles-ns"
    assert target.probe_idempotence is False and "claimwatch up" in target.source
    assert target.describe().endswith(
        "plain acks=all producer (no idempotent producer on this broker)"
    )


def test_a_variable_or_a_flag_wins_and_the_stack_then_says_nothing() -> None:
    env = {"CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS": "kafka:9092"}
    by_env = resolve(args(), Settings(kafka={"bootstrap_servers": "kafka:9092"}), env, STACK)
    assert by_env.settings.kafka.bootstrap_servers == "kafka:9092"
    assert by_env.settings.topics.articles == "articles"  # not the stack's topic
    assert by_env.probe_idempotence is True  # nobody said: replay will ask the broker
    by_flag = resolve(args(bootstrap="b:1", topic="t"), Settings(), {}, STACK)
    assert (by_flag.settings.kafka.bootstrap_servers, by_flag.settings.topics.articles) == (
        "b:1", "t",
    )  # fmt: skip
    assert by_flag.source == "--bootstrap"


def test_no_idempotence_said_anywhere_means_no_probe() -> None:
    assert resolve(args(no_idempotence=True), Settings(), {}, None).probe_idempotence is False
    env = {"CLAIMWATCH_KAFKA__IDEMPOTENT_PRODUCER": "true"}
    assert resolve(args(), Settings(), env, None).probe_idempotence is False
    assert resolve(args(), Settings(), {}, None).probe_idempotence is True

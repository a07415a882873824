"""Where `claimwatch replay` publishes: flags, else variables, else the running `up`'s stack file.

And whether the broker there can take an idempotent producer: the embedded Tansu broker of
`claimwatch up` cannot (InitProducerId fails with UnknownError), so replay asks it first and,
when it cannot, publishes with a plain acks=all producer and says so.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from services.ingest.settings import Settings
    from services.launcher.stackfile import StackInfo

ENV = "CLAIMWATCH_"
BOOTSTRAP_ENV = f"{ENV}KAFKA__BOOTSTRAP_SERVERS"
IDEMPOTENCE_ENV = f"{ENV}KAFKA__IDEMPOTENT_PRODUCER"
TOPIC_ENV = f"{ENV}TOPICS__ARTICLES"


@dataclass(frozen=True)
class Target:
    settings: Settings
    source: str  # where the broker's address came from, for the user
    probe_idempotence: bool  # nobody said whether the broker takes an idempotent producer

    def describe(self) -> str:
        """One line for the user: which broker, from where, and which producer."""
        kafka = self.settings.kafka
        if self.probe_idempotence:
            producer = "idempotent producer if the broker has one"
        elif kafka.idempotent_producer:
            producer = "idempotent producer"
        else:
            producer = "plain acks=all producer (no idempotent producer on this broker)"
        return f"Kafka at {kafka.bootstrap_servers} (from {self.source}); {producer}"


def resolve(
    args: argparse.Namespace, settings: Settings, env: Mapping[str, str], stack: StackInfo | None
) -> Target:
    """`settings` with the broker, topic and idempotence that flags, variables or `up` name.

    The stack's topic and idempotence apply only when its broker is the one used.
    """
    kafka, topics = settings.kafka, settings.topics
    use_stack = stack is not None and not args.bootstrap and BOOTSTRAP_ENV not in env
    if args.bootstrap:
        kafka, source = (
            kafka.model_copy(update={"bootstrap_servers": args.bootstrap}),
            "--bootstrap",
        )
    elif BOOTSTRAP_ENV in env:
        source = BOOTSTRAP_ENV
    elif stack is not None:
        kafka = kafka.model_copy(update={"bootstrap_servers": stack.bootstrap_servers})
        source = f"the stack of `claimwatch up` (pid {stack.pid})"
    else:
        source = "the default"
    said = args.no_idempotence or IDEMPOTENCE_ENV in env
    if args.no_idempotence:
        kafka = kafka.model_copy(update={"idempotent_producer": False})
    elif use_stack and stack is not None and IDEMPOTENCE_ENV not in env:
        kafka = kafka.model_copy(update={"idempotent_producer": stack.idempotent_producer})
        said = True
    if args.topic:
        topics = topics.model_copy(update={"articles": args.topic})
    elif use_stack and stack is not None and TOPIC_ENV not in env:
        topics = topics.model_copy(update={"articles": stack.articles_topic})
    updated = settings.model_copy(update={"kafka": kafka, "topics": topics})
    return Target(updated, source, probe_idempotence=not said and kafka.idempotent_producer)


async def takes_idempotent_producer(settings: Settings) -> bool:
    """Start and stop an idempotent producer: False when the broker refuses InitProducerId."""
    from aiokafka.errors import UnknownError, UnsupportedVersionError

    from services.common.kafka import make_producer

    producer = make_producer(settings.kafka)
    try:
        await producer.start()
    except (UnknownError, UnsupportedVersionError):
        return False
    finally:
        await producer.stop()
    return True


async def settle_idempotence(settings: Settings) -> tuple[Settings, str | None]:
    """The settings to publish with, and a note for the user when idempotence was dropped."""
    if not settings.kafka.idempotent_producer or await takes_idempotent_producer(settings):
        return settings, None
    kafka = settings.kafka.model_copy(update={"idempotent_producer": False})
    note = (
        f"note: the broker at {settings.kafka.bootstrap_servers} does not support the "
        "idempotent producer (InitProducerId failed); publishing with a plain acks=all "
        "producer instead (a retried send may repeat an article; its id keeps it one article)\n"
    )
    return settings.model_copy(update={"kafka": kafka}), note

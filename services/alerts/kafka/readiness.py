"""Whether the service reads `alerts`: owned by the consumer loop, asked by /readyz."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

from aiokafka import AIOKafkaConsumer


class KafkaReadiness:
    """The consumer loop registers its running consumer here for as long as it runs; nothing else
    changes it. /readyz asks the consumer itself (it reaches the broker it is reading from)."""

    def __init__(self) -> None:
        self._consumer: AIOKafkaConsumer | None = None

    @contextmanager
    def watching(self, consumer: AIOKafkaConsumer) -> Iterator[None]:
        self._consumer = consumer
        try:
            yield
        finally:
            # Also when cancelled half-way through start-up (joining a group takes seconds).
            self._consumer = None

    async def check(self) -> bool | None:
        """True or False from the running consumer; None while no consumer runs."""
        consumer = self._consumer
        if consumer is None:
            return None
        try:
            await asyncio.wait_for(consumer.topics(), 2.0)
        except Exception:
            return False
        return True

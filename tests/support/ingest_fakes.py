"""FakePublisher: records articles instead of publishing them to Kafka."""

from __future__ import annotations

from collections.abc import Sequence

from aiokafka.errors import KafkaConnectionError

from schemas.articles import Article
from services.ingest.publisher import Published


class FakePublisher:
    """Records what it is given, keyed like Kafka would be; can be told to fail like Kafka."""

    def __init__(self, partitions: int = 4) -> None:
        self.partitions = partitions
        self.sent: list[tuple[str, Article]] = []
        self.fail = False

    async def publish(self, articles: Sequence[Article]) -> list[Published]:
        if self.fail:
            raise KafkaConnectionError("broker down (fake)")
        out = []
        for article in articles:
            self.sent.append((article.id, article))
            # Deterministic per key, like Kafka's partitioner: same id, same partition.
            partition = sum(article.id.encode()) % self.partitions
            out.append(Published(article.id, "articles", partition, len(self.sent) - 1))
        return out

    @property
    def keys(self) -> list[str]:
        return [key for key, _ in self.sent]

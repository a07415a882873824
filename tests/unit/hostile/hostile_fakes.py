"""Doubles for the hostile-input tests: a publisher that keeps what it is given."""

from __future__ import annotations

from collections.abc import Sequence

from schemas.articles import Article
from services.ingest.publisher import Published


class RecordingPublisher:
    """Keeps every article it is asked to publish; positions count up like one partition."""

    def __init__(self) -> None:
        self.sent: list[Article] = []

    async def publish(self, articles: Sequence[Article]) -> list[Published]:
        start = len(self.sent)
        self.sent.extend(articles)
        return [Published(a.id, "articles", 0, start + i) for i, a in enumerate(articles)]


async def always_ready() -> bool:
    return True

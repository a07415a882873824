"""`claimwatch replay --ingest URL`: post articles through the ingest HTTP API, in batches.

For deployments whose Kafka the host cannot reach (docker-compose: the broker advertises
`kafka:9092`). A batch that fails for a passing reason (connection error, 5xx, 429) is sent
again after a growing pause; one the server refuses for good (401, 403, 422) is reported and
the replay goes on or stops as the summary says. Resending is safe: an article keeps its id,
and everything downstream treats a repeated id as the same article.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    import httpx

    from schemas.articles import Article
    from services.cli.replay import Outcome

EXIT_OK, EXIT_INGEST = 0, 2
API_KEY_ENV = "CLAIMWATCH_API_KEY"
_RETRYABLE = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class IngestTarget:
    url: str  # the service's base URL, e.g. http://127.0.0.1:8000
    api_key: str | None = None
    batch: int = 50
    attempts: int = 6  # per batch, the first included
    backoff_seconds: float = 0.5  # the first pause; doubled after each failure
    max_backoff_seconds: float = 15.0
    timeout_seconds: float = 30.0

    @classmethod
    def from_args(cls, url: str, api_key: str | None, batch: int) -> IngestTarget:
        key = api_key if api_key is not None else os.environ.get(API_KEY_ENV) or None
        return cls(url=url.rstrip("/"), api_key=key, batch=batch)


class Refused(Exception):
    """The server refused a batch for good: sending it again would not help."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"HTTP {status}: {reason}")
        self.status = status


def pause_before(attempt: int, target: IngestTarget, retry_after: str | None) -> float:
    """Seconds to wait before attempt `attempt` (1 = the first retry); honours Retry-After."""
    pause = min(target.backoff_seconds * 2.0 ** (attempt - 1), target.max_backoff_seconds)
    if retry_after and retry_after.strip().isdigit():
        pause = max(pause, min(float(retry_after), target.max_backoff_seconds))
    return pause


def body_of(article: Article) -> dict[str, object]:
    """What ingest accepts (`ArticleIn`), with the id the replay gave the article."""
    from schemas.articles import ArticleIn

    return article.model_dump(mode="json", include=set(ArticleIn.model_fields))


def _reason(response: httpx.Response) -> str:
    try:
        payload = response.json()
    except ValueError:
        return response.text[:200] or response.reason_phrase
    error = payload.get("error") if isinstance(payload, dict) else None
    return str(error or payload)[:300]


async def post_batch(client: httpx.AsyncClient, target: IngestTarget,
                     batch: list[Article]) -> list[str]:  # fmt: skip
    """POST one batch until it is accepted; the ids ingest published, in order."""
    import httpx

    headers = {"X-API-Key": target.api_key} if target.api_key else {}
    payload = [body_of(article) for article in batch]
    last = "no attempt"
    for attempt in range(target.attempts):
        retry_after = None
        try:
            response = await client.post(f"{target.url}/articles", json=payload, headers=headers)
        except httpx.TransportError as exc:
            last = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        else:
            if response.status_code == 202:
                ids = response.json().get("ids")
                return [str(i) for i in ids] if isinstance(ids, list) else [a.id for a in batch]
            if response.status_code not in _RETRYABLE:
                raise Refused(response.status_code, _reason(response))
            last = f"HTTP {response.status_code}: {_reason(response)}"
            retry_after = response.headers.get("Retry-After")
        if attempt + 1 < target.attempts:
            await asyncio.sleep(pause_before(attempt + 1, target, retry_after))
    raise ConnectionError(f"gave up after {target.attempts} attempts; last: {last}")


async def publish_via_ingest(
    articles: list[Article],
    target: IngestTarget,
    outcome: Outcome,
    *,
    rate: float | None,
    progress: bool,
    err: TextIO,
    transport: httpx.AsyncBaseTransport | None = None,
) -> int:
    """Send `articles` to ingest in order; published ids go into `outcome`."""
    import httpx

    from services.cli.replay import progress_bar
    from services.ingest.pacing import Pacer
    from services.ingest.sources import Rejection

    pacer = Pacer(rate)
    size = 1 if rate else target.batch  # paced: one article per request, evenly spaced
    bar = progress_bar(err, progress)
    async with httpx.AsyncClient(timeout=target.timeout_seconds, transport=transport) as client:
        with bar:
            task = bar.add_task(f"posting to {target.url}/articles", total=len(articles))
            for start in range(0, len(articles), size):
                chunk = articles[start : start + size]
                await pacer.wait()
                try:
                    outcome.published.extend(await post_batch(client, target, chunk))
                except Refused as refused:
                    if refused.status in (401, 403):
                        err.write(f"error: ingest at {target.url} refused the API key "
                                  f"({refused}); set --api-key or {API_KEY_ENV}\n")  # fmt: skip
                        return EXIT_INGEST
                    why = f"ingest: {refused}"
                    outcome.rejected.extend(Rejection(Path(a.id), why) for a in chunk)
                except ConnectionError as exc:
                    err.write(f"error: ingest at {target.url} failed after "
                              f"{len(outcome.published)} articles: {exc}\n")  # fmt: skip
                    return EXIT_INGEST
                bar.advance(task, len(chunk))
    return EXIT_OK

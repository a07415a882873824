"""One poll of one feed: a conditional GET, then each new item's page fetched once, extracted
and published like ingest does; the feed's health recorded whatever happens."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from schemas.feeds import Feed, FeedHealth
from services.common.feed_registry import FeedRegistry
from services.common.html_article import ExtractionFailed, Hints, extract_article
from services.ingest.language import LanguageOf
from services.ingest.publisher import ArticlePublisher
from services.sources.fetch import Fetched, Fetcher
from services.sources.health import PollCounts, after_failure, after_success
from services.sources.items import FeedItem, NotAFeed, ParsedFeed, oldest_first, parse_feed
from services.sources.metrics import SourceMetrics
from services.sources.robots import Robots
from services.sources.seen import PageOutcome, SeenPages
from services.sources.settings import Settings

log = logging.getLogger(__name__)

PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
FEED_ACCEPT = "application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.1"
PUBLISH_TIMEOUT_SECONDS = 30.0


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Poller:
    settings: Settings
    fetcher: Fetcher
    robots: Robots
    seen: SeenPages
    feeds: FeedRegistry
    publisher: ArticlePublisher
    metrics: SourceMetrics
    clock: Callable[[], datetime] = _now
    # Ingest's language check (None: off). Sources publish to Kafka directly, not through
    # ingest, so without it a German feed would flow through the stream and yield nothing.
    language_of: LanguageOf | None = None

    async def poll(self, feed: Feed) -> FeedHealth:
        started = time.perf_counter()
        health = await self.feeds.health(feed.id)
        try:
            health = await self._poll(feed, health)
        except Exception as exc:  # recorded as the feed's error; the scheduler carries on
            log.exception("feed poll failed", extra={"feed": feed.id})
            health = self._failed(feed, health, f"{type(exc).__name__}: {exc}")
        await self.feeds.save_health(feed.id, health)
        self.metrics.polls.labels(feed.id).inc()
        self.metrics.poll_latency.observe(time.perf_counter() - started)
        return health

    async def _poll(self, feed: Feed, health: FeedHealth) -> FeedHealth:
        headers = {"accept": FEED_ACCEPT}
        if health.etag:
            headers["if-none-match"] = health.etag
        if health.last_modified:
            headers["if-modified-since"] = health.last_modified
        url = str(feed.url)
        got = await self.fetcher.get(
            url, max_bytes=self.settings.fetch.max_feed_bytes, headers=headers
        )
        now, every = self.clock(), feed.every_seconds
        if got.status == 304:
            self.metrics.not_modified.labels(feed.id).inc()
            log.info("feed not modified", extra={"feed": feed.id})
            return after_success(
                health, now=now, every=every, not_modified=True, etag=got.headers.get("etag"),
                last_modified=got.headers.get("last-modified"), counts=PollCounts(),
            )  # fmt: skip
        if not got.ok:
            return self._failed(feed, health, got.error or f"HTTP {got.status}")
        try:
            parsed = await asyncio.to_thread(
                parse_feed, got.body, got.url, got.headers.get("content-type")
            )
        except NotAFeed as exc:
            return self._failed(feed, health, str(exc))
        self.metrics.items_seen.labels(feed.id).inc(len(parsed.items))
        counts, retrying = await self._items(feed, parsed)
        log.info("feed polled", extra={"feed": feed.id, "items": len(parsed.items), **vars(counts)})
        # A page to retry keeps the next poll unconditional: a 304 would never list it again.
        keep = not retrying
        return after_success(
            health, now=now, every=every, not_modified=False,
            etag=got.headers.get("etag") if keep else None,
            last_modified=got.headers.get("last-modified") if keep else None, counts=counts,
        )  # fmt: skip

    def _failed(self, feed: Feed, health: FeedHealth, error: str) -> FeedHealth:
        self.metrics.poll_errors.labels(feed.id).inc()
        log.warning("feed poll error", extra={"feed": feed.id, "error": error})
        return after_failure(
            health,
            now=self.clock(),
            every=feed.every_seconds,
            cap=self.settings.poll.max_backoff_seconds,
            error=error,
        )

    async def _items(self, feed: Feed, parsed: ParsedFeed) -> tuple[PollCounts, bool]:
        """What the new items gave, and whether a page is left to retry on a later poll."""
        tally = {"items_seen": len(parsed.items)}
        retrying = False
        # The newest `max_items_per_poll` (feeds list the newest first), oldest published first.
        for item in oldest_first(parsed.items[: self.settings.poll.max_items_per_poll]):
            if not await self.seen.claim(item.url):
                continue  # fetched before (by this feed, another one, or before a restart)
            outcome = await self._page(feed, parsed, item, tally)
            retrying = retrying or outcome.startswith("will retry")
            log.info("page", extra={"feed": feed.id, "url": item.url, "outcome": outcome})
        return PollCounts(**tally), retrying

    async def _page(
        self, feed: Feed, parsed: ParsedFeed, item: FeedItem, tally: dict[str, int]
    ) -> str:
        def count(name: str) -> None:
            tally[name] = tally.get(name, 0) + 1
            getattr(self.metrics, name).labels(feed.id).inc()

        if not await self.robots.allows(item.url):
            self.metrics.disallowed.labels(feed.id).inc()
            await self.seen.settle(item.url, PageOutcome.DISALLOWED)
            return "disallowed by robots.txt"
        got = await self.fetcher.get(
            item.url, max_bytes=self.settings.fetch.max_page_bytes, headers={"accept": PAGE_ACCEPT}
        )
        if got.status:
            count("pages_fetched")
        if not got.ok:
            count("page_errors")
            return await self._page_failed(item, got)
        hints = Hints(
            url=item.url,
            title=item.title,
            source=parsed.title or feed.label,
            published_at=item.published_at,
        )
        try:
            article = await asyncio.to_thread(extract_article, got.body, hints)
        except Exception as exc:  # ExtractionFailed, or the parser choking on hostile HTML
            if not isinstance(exc, ExtractionFailed):
                log.warning("extractor error", extra={"url": item.url, "error": repr(exc)[:300]})
            count("extraction_failures")
            await self.seen.settle(item.url, PageOutcome.NO_ARTICLE)
            return f"no article: {exc}"
        story = article.to_article()
        if self.language_of is not None:
            language = await asyncio.to_thread(self.language_of, story)
            if language is not None:
                count("unsupported_language")
                await self.seen.settle(item.url, PageOutcome.NOT_ENGLISH)
                return f"unsupported_language: {language}"
        try:
            await asyncio.wait_for(self.publisher.publish([story]), PUBLISH_TIMEOUT_SECONDS)
        except Exception:
            await self.seen.release(item.url)  # not published: the next poll tries again
            raise
        count("published")
        await self.seen.settle(item.url, PageOutcome.PUBLISHED)
        return "published"

    async def _page_failed(self, item: FeedItem, got: Fetched) -> str:
        if got.blocked:
            await self.seen.settle(item.url, PageOutcome.DISALLOWED)
            return got.error or "refused"
        passing = not got.too_large and (
            got.status == 0 or got.status in (408, 425, 429) or got.status >= 500
        )
        if passing and await self.seen.release(item.url):
            return f"will retry: {got.error or got.status}"
        if not passing:
            await self.seen.settle(item.url, PageOutcome.GONE)
        return f"gave up: {got.error or f'HTTP {got.status}'}"

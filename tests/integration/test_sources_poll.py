"""The sources service's poller against a local news site, real Kafka and real Redis."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager

import pytest
from aiokafka import AIOKafkaConsumer

from schemas.articles import ArticlePublished, derive_article_id
from schemas.feeds import Feed, FeedSpec
from services.common.metrics import new_registry
from services.common.settings import KafkaSettings, RedisSettings, TopicSettings
from services.sources.metrics import SourceMetrics
from services.sources.runtime import Components, open_components
from services.sources.settings import FetchSettings, Settings
from tests.support.feed_site import (
    ATOM,
    DENIAL_STORY,
    PLAIN_STORY,
    RSS,
    WARNING_STORY,
    FeedSite,
    article_page,
    atom,
    rss,
)


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with FeedSite().serving() as running:
        yield running


@pytest.fixture
def settings_for(
    kafka_settings: KafkaSettings, redis_settings: RedisSettings, unique_topic: Callable[..., str]
) -> Callable[..., Settings]:
    topics = TopicSettings(articles=unique_topic("articles"), partitions=1)

    def make(site: FeedSite, **fetch: object) -> Settings:
        return Settings(
            api_key="test-key",
            kafka=kafka_settings,
            redis=redis_settings,
            topics=topics,
            fetch=FetchSettings(
                allow_hosts=[f"127.0.0.1:{site.port}"],
                min_host_interval_seconds=0.05,
                **fetch,  # type: ignore[arg-type]
            ),
        )

    return make


@asynccontextmanager
async def service(settings: Settings) -> AsyncIterator[Components]:
    """The service's components as `__main__` opens them (a fresh set is a restart)."""
    async with open_components(settings, SourceMetrics(new_registry())) as comp:
        yield comp


async def watch(comp: Components, url: str, every: int = 5) -> Feed:
    feed = Feed.from_spec(FeedSpec(url=url, every_seconds=every))  # type: ignore[arg-type]
    await comp.feeds.add(feed)
    return feed


async def published(settings: Settings, settle: float = 3.0) -> list[ArticlePublished]:
    """Everything on the test's articles topic, read until nothing more comes for `settle` s."""
    consumer = AIOKafkaConsumer(
        settings.topics.articles,
        bootstrap_servers=settings.kafka.bootstrap_servers,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    out: list[ArticlePublished] = []
    quiet_since = time.monotonic()
    try:
        while time.monotonic() - quiet_since < settle:
            batch = await consumer.getmany(timeout_ms=300)
            for records in batch.values():
                out += [ArticlePublished.model_validate_json(r.value) for r in records]
                quiet_since = time.monotonic()
    finally:
        await consumer.stop()
    return out


def news_site(site: FeedSite) -> None:
    site.put("/world/kremlin-denies.html", article_page("Kremlin denies troop moves", DENIAL_STORY))
    site.put("/world/china-warns.html", article_page("China warns on tariffs", WARNING_STORY))
    site.put("/city/trams.html", article_page("Council approves tram lines", PLAIN_STORY))
    site.put("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")


async def test_rss_items_become_articles_once_and_unchanged_feed_is_a_304(
    site: FeedSite, settings_for: Callable[..., Settings]
) -> None:
    news_site(site)
    site.put(
        "/feed.xml",
        rss(
            "The Test Ledger",
            [
                ("Kremlin denies troop moves", site.url("/world/kremlin-denies.html")),
                ("Council approves tram lines", site.url("/city/trams.html")),
            ],
        ),
        RSS,
    )
    settings = settings_for(site)
    async with service(settings) as comp:
        feed = await watch(comp, site.url("/feed.xml"))
        first = await comp.poller.poll(feed)
        second = await comp.poller.poll(feed)

    assert first.published == 2 and first.pages_fetched == 2 and first.healthy
    assert site.statuses("/feed.xml") == [200, 304]
    assert site.hits_of("/feed.xml")[1].conditional
    assert second.not_modified == 1 and second.published == 2
    assert all(h.user_agent.startswith("claimwatch-sources/") for h in site.hits)
    articles = [e.article for e in await published(settings)]
    by_url = {str(a.url): a for a in articles}
    denial = by_url[site.url("/world/kremlin-denies.html")]
    # The same id ingest gives an article with this URL.
    assert denial.id == derive_article_id(site.url("/world/kremlin-denies.html"), "", "")
    assert denial.title == "Kremlin denies troop moves"
    assert denial.source == "The Test Ledger"
    assert "denied that Russia had sent troops" in denial.text
    # The story only: none of the chrome around it.
    for chrome in ("cookies", "Most read", "soups", "All rights reserved", "Related stories"):
        assert chrome not in denial.text
    assert len(articles) == 2


async def test_nothing_is_fetched_or_published_twice_across_a_restart(
    site: FeedSite, settings_for: Callable[..., Settings]
) -> None:
    news_site(site)
    items = [("Kremlin denies troop moves", site.url("/world/kremlin-denies.html"))]
    site.put("/feed.xml", rss("The Test Ledger", items), RSS)
    settings = settings_for(site)
    async with service(settings) as comp:
        feed = await watch(comp, site.url("/feed.xml"))
        await comp.poller.poll(feed)
    # The feed changes (so it is no 304) and the service restarts: only the new item is new.
    items.append(("China warns on tariffs", site.url("/world/china-warns.html")))
    site.put("/feed.xml", rss("The Test Ledger", items), RSS)
    async with service(settings) as comp:
        assert [f.id for f in await comp.feeds.feeds()] == [feed.id]  # the feed survived
        health = await comp.poller.poll(feed)
    assert health.published == 2 and health.pages_fetched == 2
    assert site.statuses("/world/kremlin-denies.html") == [200]
    assert site.statuses("/world/china-warns.html") == [200]
    assert site.statuses("/feed.xml") == [200, 200]
    ids = [e.article.id for e in await published(settings)]
    assert len(ids) == 2 and len(set(ids)) == 2


# Written for this test: a German report that the stream's English extractor could not read.
GERMAN_STORY = [
    "Der Sprecher des Ministeriums wies am Dienstag die Berichte zurück, wonach die Regierung "
    "um militärische Hilfe gebeten habe. Das sei eine Erfindung, sagte er vor Journalisten.",
    "Die Opposition forderte eine Erklärung im Parlament noch vor dem Ende der Woche und "
    "kündigte an, die Angelegenheit im Ausschuss zur Sprache zu bringen.",
]


async def test_a_page_not_in_english_is_counted_and_not_published_as_at_ingest(
    site: FeedSite, settings_for: Callable[..., Settings]
) -> None:
    news_site(site)
    site.put("/de/dementi.html", article_page("Ministerium weist Bericht zurück", GERMAN_STORY))
    items = [
        ("Kremlin denies troop moves", site.url("/world/kremlin-denies.html")),
        ("Ministerium weist Bericht zurück", site.url("/de/dementi.html")),
    ]
    site.put("/feed.xml", rss("The Test Ledger", items), RSS)
    settings = settings_for(site)
    async with service(settings) as comp:
        feed = await watch(comp, site.url("/feed.xml"))
        health = await comp.poller.poll(feed)
        german = await comp.poller.seen.outcome(site.url("/de/dementi.html"))
    assert health.pages_fetched == 2 and health.published == 1
    assert health.unsupported_language == 1 and health.healthy
    assert german == "not-english"  # settled: never fetched again
    urls = [str(e.article.url) for e in await published(settings)]
    assert urls == [site.url("/world/kremlin-denies.html")]


async def test_atom_with_relative_links_and_entities_in_titles(
    site: FeedSite, settings_for: Callable[..., Settings]
) -> None:
    news_site(site)
    site.put(
        "/atom.xml",
        atom("Ledger &amp; Co", [("China warns on tariffs", "/world/china-warns.html")]),
        ATOM,
    )
    site.put(
        "/entities.xml",
        rss(
            "Ledger",
            [
                (
                    "Kremlin &amp;quot;denies&amp;quot; troop moves &#8212; again",
                    "kremlin-denies.html",
                )
            ],
            raw_titles=True,
        ),
        RSS,
    )
    # A relative link resolves against the feed's own URL: /world/entities.xml -> /world/...
    site.pages["/world/entities.xml"] = site.pages.pop("/entities.xml")
    settings = settings_for(site)
    async with service(settings) as comp:
        one = await comp.poller.poll(await watch(comp, site.url("/atom.xml")))
        two = await comp.poller.poll(await watch(comp, site.url("/world/entities.xml")))
    assert one.published == 1 and two.published == 1
    titles = {str(e.article.url): e.article.title for e in await published(settings)}
    assert titles == {
        site.url("/world/china-warns.html"): "China warns on tariffs",
        site.url("/world/kremlin-denies.html"): 'Kremlin "denies" troop moves \u2014 again',
    }


async def test_missing_page_slow_page_and_robots_are_counted_not_retried_forever(
    site: FeedSite, settings_for: Callable[..., Settings]
) -> None:
    news_site(site)
    site.put("/private/secret.html", article_page("Hidden", DENIAL_STORY))
    site.put("/slow.html", article_page("Slow", WARNING_STORY))
    site.delays["/slow.html"] = 3.0
    site.put("/huge.html", article_page("Huge", DENIAL_STORY * 40))
    links = ["/gone.html", "/private/secret.html", "/slow.html", "/huge.html", "/city/trams.html"]
    site.put("/feed.xml", rss("Ledger", [(p, site.url(p)) for p in links]), RSS)
    settings = settings_for(site, timeout_seconds=1.0, max_page_bytes=10_000)
    async with service(settings) as comp:
        feed = await watch(comp, site.url("/feed.xml"))
        health = await comp.poller.poll(feed)
        site.delays["/slow.html"] = 0.0  # the slow server recovers; the feed is unchanged
        again = await comp.poller.poll(feed)
        third = await comp.poller.poll(feed)
        gone = await comp.poller.seen.outcome(site.url("/gone.html"))
    assert health.published == 1 and health.healthy  # the feed itself is fine
    assert health.page_errors == 3  # the 404, the timeout and the page over the size limit
    assert site.statuses("/gone.html") == [404]  # a 404 is final: never asked again
    assert site.hits_of("/private/secret.html") == []  # robots.txt says no
    assert gone == "gone"
    assert len(site.hits_of("/huge.html")) == 1  # too large stays too large: not asked again
    # The timeout is passing: the next poll asks for the feed unconditionally (a 304 would not
    # list the page again), fetches the page again and publishes it; then polls are 304s.
    assert site.statuses("/feed.xml") == [200, 200, 304]
    assert [h.conditional for h in site.hits_of("/feed.xml")] == [False, False, True]
    assert site.statuses("/slow.html") == [200, 200]  # the first answered after we gave up
    assert again.published == 2 and third.not_modified == 1
    assert [str(e.article.url) for e in await published(settings)] == [
        site.url("/city/trams.html"),
        site.url("/slow.html"),
    ]


async def test_feed_errors_back_off_and_are_recorded(
    site: FeedSite, settings_for: Callable[..., Settings]
) -> None:
    settings = settings_for(site)
    async with service(settings) as comp:
        feed = await watch(comp, site.url("/missing.xml"), every=10)
        first = await comp.poller.poll(feed)
        second = await comp.poller.poll(feed)
        site.put("/missing.xml", "<html><body>not a feed</body></html>")
        third = await comp.poller.poll(feed)
        listed = await comp.feeds.statuses()
    assert first.last_error == "HTTP 404" and first.consecutive_failures == 1
    assert second.consecutive_failures == 2
    assert third.consecutive_failures == 3 and "not an RSS or Atom feed" in (third.last_error or "")
    assert first.next_poll_at and first.last_poll_at
    assert (first.next_poll_at - first.last_poll_at).total_seconds() == 20  # 10 s doubled
    assert third.next_poll_at and third.last_poll_at
    assert (third.next_poll_at - third.last_poll_at).total_seconds() == 80
    assert listed[0].healthy is False and listed[0].health.consecutive_failures == 3


async def test_a_feed_url_that_resolves_to_a_private_address_is_refused(
    site: FeedSite, settings_for: Callable[..., Settings]
) -> None:
    site.put("/feed.xml", rss("Ledger", []), RSS)
    settings = settings_for(site)
    settings = settings.model_copy(update={"fetch": FetchSettings(allow_hosts=[])})
    async with service(settings) as comp:
        # `localhost` is a name that resolves to loopback: refused before any request.
        feed = await watch(comp, f"http://localhost:{site.port}/feed.xml")
        health = await comp.poller.poll(feed)
    assert "refused" in (health.last_error or "") and "loopback" in (health.last_error or "")
    assert site.hits == []


async def test_seen_pages_are_claimed_once_and_a_passing_failure_has_few_attempts(
    redis_settings: RedisSettings,
) -> None:
    from redis.asyncio import Redis

    from services.sources.seen import PageOutcome, SeenPages

    redis = Redis.from_url(redis_settings.url)
    seen = SeenPages(redis, redis_settings.key_prefix, ttl_seconds=3600, attempts=3)
    url = "https://news.example.org/a.html"
    try:
        assert await seen.claim(url) and not await seen.claim(url)  # one fetcher at a time
        assert await seen.release(url) and await seen.claim(url)  # attempt 2
        assert await seen.release(url) and await seen.claim(url)  # attempt 3
        assert not await seen.release(url)  # out of attempts: settled for good
        assert not await seen.claim(url) and await seen.outcome(url) == "failed"
        other = "https://news.example.org/b.html"
        assert await seen.claim(other)
        await seen.settle(other, PageOutcome.PUBLISHED)
        assert not await seen.claim(other)
        assert 3500 < await redis.ttl(seen.key(other)) <= 3600  # remembered, with expiry
    finally:
        await redis.aclose()

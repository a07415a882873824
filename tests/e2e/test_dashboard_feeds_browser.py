"""The dashboard's Feeds page in headless Chromium: each watched feed with its health."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect, sync_playwright
from redis.asyncio import Redis
from test_dashboard_browser import API_KEY, CHROMIUM, CHROMIUM_ARGS, Service, service

from schemas.feeds import Feed, FeedHealth, FeedSpec
from services.common.feed_registry import FeedRegistry

pytestmark = pytest.mark.browser
__all__ = ["service"]  # the fixture, used by name

WHEN = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


async def store_feeds(svc: Service) -> tuple[Feed, Feed]:
    redis = Redis.from_url(svc.redis_url)
    registry = FeedRegistry(redis, svc.key_prefix)
    good = Feed.from_spec(
        FeedSpec.model_validate({"url": "https://news.example.org/rss", "label": "Ledger"})
    )
    bad = Feed.from_spec(
        FeedSpec.model_validate(
            {"url": "https://down.example.org/rss", "label": "<script>x()</script> Wire"}
        )
    )
    try:
        for feed in (good, bad):
            await registry.add(feed)
        await registry.save_health(
            good.id,
            FeedHealth(
                polls=5,
                not_modified=3,
                items_seen=20,
                pages_fetched=4,
                published=4,
                last_success_at=WHEN,
            ),
        )
        await registry.save_health(
            bad.id,
            FeedHealth(polls=2, consecutive_failures=2, last_error="HTTP 503", last_error_at=WHEN),
        )
    finally:
        await redis.aclose()
    return good, bad


def test_feeds_page_lists_feeds_with_their_health(service: Service) -> None:
    good, bad = asyncio.run(store_feeds(service))
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{service.url}/dashboard#key={API_KEY}")
        page.click("nav >> text=Feeds")
        expect(page.locator("#feeds tbody tr")).to_have_count(2, timeout=10_000)
        ok_row = page.locator(f'[data-feed-id="{good.id}"]')
        expect(ok_row).to_contain_text("ok")
        expect(ok_row).to_contain_text("Ledger")
        expect(ok_row).to_contain_text("5 (3 × 304)")
        expect(ok_row).to_contain_text("20 / 4 / 4")
        bad_row = page.locator(f'[data-feed-id="{bad.id}"]')
        expect(bad_row).to_contain_text("failing ×2")
        expect(bad_row).to_contain_text("HTTP 503")
        expect(bad_row).to_contain_text("<script>x()</script> Wire")  # text, never markup
        assert page.locator("main script").count() == 0
        browser.close()
    assert errors == []

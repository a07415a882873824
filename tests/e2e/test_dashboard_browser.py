"""The dashboard in headless Chromium: live alerts without reload, subscriptions, escaped text."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from playwright.sync_api import Page, expect, sync_playwright
from redis.asyncio import Redis

from schemas.alerts import Alert, AlertRaised, AlertSource, SourceAttached
from schemas.claims import Claim, ClaimType, Span
from services.alerts.articles import ArticleRecord
from services.alerts.bootstrap import build_components, redis_client
from services.alerts.http.api import create_app
from services.alerts.redis.alert_store import RedisAlertStore
from services.alerts.redis.article_store import RedisArticleStore
from services.alerts.redis.keys import Keys
from services.alerts.settings import DeliverySettings, Settings
from services.common.settings import KafkaSettings, RedisSettings

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "aljazeera-2022-03-14-russia-china-military-aid.txt"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
API_KEY = "browser-test-key-0123456789"
SCRIPT_TEXT = "<script>window.__pwned = 1</script> said nobody, denying it all."


@dataclass
class Service:
    url: str
    redis_url: str
    key_prefix: str

    def inject(self, event: AlertRaised | SourceAttached) -> None:
        """Store an event as the alert service's consumer would (it also feeds the stream)."""

        async def store() -> None:
            redis = Redis.from_url(self.redis_url)
            try:
                alerts = RedisAlertStore(redis, Keys(self.key_prefix))
                if isinstance(event, AlertRaised):
                    await alerts.add_raised(event)
                else:
                    await alerts.add_source(event)
            finally:
                await redis.aclose()

        run_elsewhere(store())

    def inject_article(self, record: ArticleRecord, claims: list[Claim]) -> None:
        """Cache an article and its claims as the consumer of `articles` and `claims` would."""

        async def store() -> None:
            redis = Redis.from_url(self.redis_url)
            try:
                articles = RedisArticleStore(
                    redis, Keys(self.key_prefix), cache_seconds=600, retention_seconds=3600
                )
                await articles.put_article(record)
                for claim in claims:
                    await articles.put_claim(claim)
            finally:
                await redis.aclose()

        run_elsewhere(store())


def run_elsewhere(work: Coroutine[Any, Any, None]) -> None:
    # Playwright's sync API keeps an event loop in this thread: store from another one.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, work).result(timeout=30)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def service(redis_url: str, key_prefix: str) -> Iterator[Service]:
    """The alert service's app (API and dashboard) on a free port, without its Kafka consumer."""
    port = free_port()
    settings = Settings(
        api_key=API_KEY,
        port=port,
        redis=RedisSettings(url=redis_url, key_prefix=key_prefix),
        kafka=KafkaSettings(bootstrap_servers="127.0.0.1:1"),  # unused: no consumer here
        delivery=DeliverySettings(allow_hosts=["127.0.0.1"]),
        sse_ping_seconds=1.0,
    )
    config = uvicorn.Config(
        create_app(settings, components=build_components(settings, redis_client(settings))),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        ws="none",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive(), "the alert service failed to start"
        assert time.monotonic() < deadline, "the alert service did not start in 15 s"
        time.sleep(0.05)
    yield Service(f"http://127.0.0.1:{port}", redis_url, key_prefix)
    server.should_exit = True
    thread.join(10)


def seed_alert(
    alert_id: str, actor: str, speaker: str, sentence: str, article_id: str
) -> AlertRaised:
    text = SEED.read_text()
    start = text.find(sentence)
    source = AlertSource(
        article_id=article_id,
        outlet="Al Jazeera",
        title="Russia seeking military aid from China, says US official",
        published_at=datetime(2022, 3, 14, 9, 0, tzinfo=UTC),
        speaker=speaker,
        sentence=sentence,
        span=Span(start=max(start, 0), end=max(start, 0) + len(sentence)),
    )
    alert = Alert(
        alert_id=alert_id,
        actor=actor,
        type=ClaimType.DENIAL,
        speaker=speaker,
        content=sentence,
        sentence=sentence,
        cue="denied",
        confidence=0.9,
        first_source=source,
    )
    return AlertRaised(alert=alert)


def card(page: Page, alert_id: str):  # type: ignore[no-untyped-def]
    return page.locator(f'[data-alert-id="{alert_id}"]')


def test_dashboard_live_feed_subscriptions_and_escaping(service: Service) -> None:
    run = service.key_prefix[-8:]
    kremlin = f"kremlin-{run}"
    peskov = "The Kremlin also denied it has sought Chinese military help."
    service.inject(seed_alert(kremlin, "Russia", "Dmitry Peskov", peskov, "aljazeera-seed"))

    headers = httpx.get(f"{service.url}/dashboard").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "default-src 'none'" in headers["content-security-policy"]

    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{service.url}/dashboard#key={API_KEY}")
        expect(page.locator("#status")).to_have_text("live", timeout=15_000)
        expect(card(page, kremlin)).to_contain_text(peskov)
        expect(card(page, kremlin)).to_contain_text("1 source")
        # The key came in the URL fragment: kept in this tab, taken out of the address bar.
        assert "key=" not in page.url
        page.evaluate("window.__sameDocument = true")

        # An alert that arrives while the page is open appears without a reload.
        zhao = f"zhao-{run}"
        said = (
            "Beijing on Monday accused Washington of spreading “disinformation” over China’s "
            "role in the Ukraine war."
        )
        service.inject(seed_alert(zhao, "China", "Zhao Lijian", said, "aljazeera-seed"))
        expect(card(page, zhao)).to_contain_text("Zhao Lijian", timeout=10_000)
        # A further report updates the count of the alert already shown.
        other = seed_alert(kremlin, "Russia", "Dmitry Peskov", peskov, "capital-wire-report")
        source = other.alert.first_source.model_copy(update={"outlet": "Capital Wire"})
        service.inject(
            SourceAttached(alert_id=kremlin, actor="Russia", type=ClaimType.DENIAL, source=source)
        )
        expect(card(page, kremlin)).to_contain_text("2 sources", timeout=10_000)
        assert page.evaluate("window.__sameDocument") is True
        Path(ROOT / "test-artifacts").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "test-artifacts" / "dashboard.png"), full_page=True)

        # An article whose text holds "<script>" shows it as text and runs nothing.
        xss = seed_alert(f"xss-{run}", "Russia", "Nobody", SCRIPT_TEXT, f"xss-article-{run}")
        service.inject(xss)
        expect(card(page, f"xss-{run}")).to_contain_text("<script>", timeout=10_000)
        # Its text is not kept (only the alert's sentence is): the view says so and shows that.
        page.goto(f"{service.url}/dashboard#/article/xss-article-{run}")
        expect(page.locator("#article-text mark")).to_have_text(SCRIPT_TEXT)
        expect(page.locator("#article-partial")).to_be_visible()
        assert page.locator("main script").count() == 0
        assert page.evaluate("window.__pwned") is None

        # The actor's page lists its timeline.
        page.goto(f"{service.url}/dashboard#/actor/Russia")
        expect(page.locator(".timeline li")).to_have_count(2)

        # An article whose text is kept: all of it, every claim marked by type, the alerted
        # one linked to its alert, and the markup in it shown as text.
        check_full_article(page, service, run)

        # Creating a subscription from the page, then deleting it.
        page.goto(f"{service.url}/dashboard#/subscriptions")
        page.fill("#sub-form input[name=actor]", "Kremlin")
        page.fill("#sub-form input[name=url]", "http://127.0.0.1:9/hooks/browser")
        page.click("#sub-form button[type=submit]")
        expect(page.locator("#sub-result .secret")).to_contain_text("whsec_", timeout=10_000)
        expect(page.locator("#sub-rows tr")).to_have_count(1)
        expect(page.locator("#sub-rows")).to_contain_text("Russia")
        listed = httpx.get(f"{service.url}/subscriptions", headers={"X-API-Key": API_KEY}).json()
        assert [s["actor_canonical"] for s in listed] == ["Russia"]
        page.click("#sub-rows button.delete")
        expect(page.locator("#sub-rows")).to_contain_text("No subscriptions.")
        listed = httpx.get(f"{service.url}/subscriptions", headers={"X-API-Key": API_KEY}).json()
        assert listed == []
        browser.close()
    assert errors == []


FULL_TEXT = (
    "Ministers met in Oslo on Monday. "
    + SCRIPT_TEXT
    + " A spokesman said the talks would go on. "
    + '<img src=x onerror="window.__pwned = 2"> was pasted into the page by a reader.'
)
REMARK = "A spokesman said the talks would go on."


def text_claim(article_id: str, sentence: str, type: ClaimType, speaker: str) -> Claim:
    start = FULL_TEXT.index(sentence)
    return Claim(
        article_id=article_id, type=type, speaker=speaker, actor="Russia", content=sentence,
        sentence=sentence, span=Span(start=start, end=start + len(sentence)),
        cue="denying" if type == ClaimType.DENIAL else "said", confidence=0.7,
    )  # fmt: skip


def check_full_article(page: Page, service: Service, run: str) -> None:
    article_id, alert_id = f"full-article-{run}", f"full-{run}"
    denial = text_claim(article_id, SCRIPT_TEXT, ClaimType.DENIAL, "Nobody")
    remark = text_claim(article_id, REMARK, ClaimType.ASSERTION, "spokesman")
    title = "Oslo <b>talks</b> & more"
    record = ArticleRecord(article_id=article_id, title=title, text=FULL_TEXT,
                           source="Test Wire", url="https://wire.example.org/oslo")  # fmt: skip
    service.inject_article(record, [remark, denial])
    raised = seed_alert(alert_id, "Russia", "Nobody", SCRIPT_TEXT, article_id)
    source = raised.alert.first_source.model_copy(update={"span": denial.span})
    service.inject(AlertRaised(alert=raised.alert.model_copy(update={"first_source": source})))

    page.goto(f"{service.url}/dashboard#/article/{article_id}")
    expect(page.locator("#article-title")).to_have_text(title)
    expect(page.locator("#article-text")).to_have_text(FULL_TEXT)
    expect(page.locator("#article-text mark")).to_have_count(2)
    expect(page.locator("#article-text mark.denial")).to_have_text(SCRIPT_TEXT)
    expect(page.locator("#article-text mark.assertion")).to_have_text(REMARK)
    expect(page.locator(".legend mark.denial")).to_have_text("denial 1")
    expect(page.locator("#article-partial")).to_have_count(0)
    link = page.locator("#article-text a.claim-link")
    expect(link).to_have_count(1)
    expect(link).to_have_attribute("href", f"#/alert/{alert_id}")
    assert page.locator("main script, main img, main b").count() == 0
    assert page.evaluate("window.__pwned") is None
    page.screenshot(path=str(ROOT / "test-artifacts" / "dashboard-article.png"), full_page=True)
    link.click()
    expect(page.locator("main h2")).to_have_text("1 source")
    expect(page.locator("main blockquote")).to_have_text(SCRIPT_TEXT)

"""A small news site for tests: feeds and pages we write, served on loopback from a thread.

It honours If-None-Match (ETag from the content) and If-Modified-Since, logs every request with
its answer, can be slow on a path, and its pages can be changed between polls.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"


@dataclass
class Page:
    body: bytes
    content_type: str
    modified: float = field(default_factory=time.time)

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@dataclass(frozen=True)
class Hit:
    path: str
    status: int
    conditional: bool
    user_agent: str


class FeedSite:
    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.delays: dict[str, float] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None

    @property
    def port(self) -> int:
        assert self.server is not None
        return int(self.server.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def put(self, path: str, body: str, content_type: str = HTML) -> None:
        with self.lock:
            self.pages[path] = Page(body.encode("utf-8"), content_type)

    def hits_of(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.path == path]

    def statuses(self, path: str) -> list[int]:
        return [h.status for h in self.hits_of(path)]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?")[0]
        with self.lock:
            page = self.pages.get(path)
        inm = handler.headers.get("If-None-Match")
        ims = handler.headers.get("If-Modified-Since")
        status = 404 if page is None else 200
        if page is not None and (inm == page.etag or (not inm and ims == _http_date(page))):
            status = 304
        with self.lock:
            self.hits.append(
                Hit(path, status, bool(inm or ims), handler.headers.get("User-Agent", ""))
            )
        delay = self.delays.get(path, 0.0)
        if delay:  # a slow server: logged on arrival, answered late
            time.sleep(delay)
        handler.send_response(status)
        if page is None:
            body = b"<html><body><h1>Not found</h1></body></html>"
            handler.send_header("Content-Type", HTML)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
            return
        handler.send_header("ETag", page.etag)
        handler.send_header("Last-Modified", _http_date(page))
        if status == 304:
            handler.end_headers()
            return
        handler.send_header("Content-Type", page.content_type)
        handler.send_header("Content-Length", str(len(page.body)))
        handler.end_headers()
        handler.wfile.write(page.body)

    @contextmanager
    def serving(self) -> Iterator[FeedSite]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                # The client may give up first (the timeout test).
                with suppress(BrokenPipeError, ConnectionResetError):
                    site._answer(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.server.shutdown()
            self.server.server_close()


def _http_date(page: Page) -> str:
    return formatdate(page.modified, usegmt=True)


def rss(title: str, items: list[tuple[str, str]], *, raw_titles: bool = False) -> str:
    """RSS 2.0 with (title, link) items; `raw_titles`: titles go in as given (entities kept)."""
    entries = "".join(
        f"<item><title>{t if raw_titles else escape(t)}</title><link>{escape(link)}</link>"
        f"<guid>{escape(link)}</guid><pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate></item>"
        for t, link in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.invalid/</link>"
        f"<description>test feed</description>{entries}</channel></rss>"
    )


def atom(title: str, items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f'<entry><title>{escape(t)}</title><link rel="alternate" href="{escape(link)}"/>'
        f"<id>{escape(link)}</id><updated>2026-11-30T08:00:00Z</updated></entry>"
        for t, link in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:test:feed</id>"
        f"<updated>2026-11-30T08:00:00Z</updated>{entries}</feed>"
    )


CHROME_TOP = """<header><nav><a href="/">Home</a> <a href="/world">World</a>
<a href="/sport">Sport</a> <a href="/subscribe">Subscribe for one euro a week</a></nav></header>
<div class="cookie-banner"><p>We use cookies to improve your experience on our site.
Accept all cookies or manage your preferences in the settings.</p></div>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Ten soups for autumn evenings</a>
</li><li><a href="/b">Transfer window: who is moving where</a></li>
<li><a href="/c">The best walking routes near the coast</a></li></ul></aside>"""
CHROME_BOTTOM = """<section class="related"><h3>Related stories</h3><ul>
<li><a href="/d">Markets open higher on Tuesday</a></li><li><a href="/e">Weather warning for
the weekend</a></li></ul></section><footer><p>© 2026 The Test Ledger. All rights reserved.
Privacy policy. Terms of use. Contact us. Advertise with us. Careers.</p></footer>"""


def article_page(headline: str, paragraphs: list[str], *, site: str = "The Test Ledger") -> str:
    """A news page with heavy site chrome (navigation, cookie banner, sidebar, related links,
    footer) around the story."""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{escape(headline)} | {escape(site)}</title>"
        f'<meta property="og:site_name" content="{escape(site)}">'
        '<meta property="article:published_time" content="2026-11-30T08:00:00Z">'
        f"</head><body>{CHROME_TOP}<main><article><h1>{escape(headline)}</h1>{body}</article>"
        f"</main>{CHROME_BOTTOM}</body></html>"
    )


DENIAL_STORY = [
    "The Kremlin on Monday denied that Russia had sent troops across the border into the "
    "disputed province, calling the reports a fabrication spread by its opponents.",
    "Kremlin spokesman Dmitry Peskov told reporters in Moscow that no Russian units had "
    "moved into the region and that the claims were false.",
    "Officials in the neighbouring capital said they would publish satellite images later in "
    "the week to support their account of the movements near the frontier.",
]
WARNING_STORY = [
    "China's foreign ministry on Tuesday warned that it would take firm countermeasures if "
    "new tariffs on its electric vehicles came into force next month.",
    "Foreign ministry spokesman Lin Jian told a regular briefing in Beijing that the measures "
    "would harm both sides and that China would defend the rights of its companies.",
    "Trade officials in Brussels said the talks would continue through the end of the year "
    "and that no final decision on the duties had been taken yet.",
]
PLAIN_STORY = [
    "The city council on Wednesday approved a plan to add three new tram lines by 2030, "
    "with the first stretch expected to open in the northern districts.",
    "The project will be financed by a mix of municipal bonds and regional funds, and the "
    "council expects construction to begin in the spring after the tender closes.",
    "Residents of the affected streets will be invited to a series of public meetings over "
    "the coming months to discuss the routes and the timetable of the works.",
]

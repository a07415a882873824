"""Feed documents -> items: RSS 2.0, Atom, relative links, entities in titles, junk."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.sources.items import FeedItem, NotAFeed, oldest_first, parse_feed
from tests.support.feed_site import atom, rss

FEED_URL = "https://news.example.org/world/feed.xml"


def test_rss_items_keep_feed_order_titles_and_dates() -> None:
    body = rss(
        "Ledger", [("One", "https://news.example.org/1"), ("Two", "https://news.example.org/2")]
    )
    parsed = parse_feed(body.encode(), FEED_URL)
    assert parsed.title == "Ledger"
    assert [(i.title, i.url) for i in parsed.items] == [
        ("One", "https://news.example.org/1"),
        ("Two", "https://news.example.org/2"),
    ]
    assert parsed.items[0].published_at == datetime(2026, 11, 30, 8, tzinfo=UTC)


def test_atom_alternate_links_are_the_pages() -> None:
    parsed = parse_feed(atom("A", [("Story", "https://news.example.org/s")]).encode(), FEED_URL)
    assert [(i.title, i.url) for i in parsed.items] == [("Story", "https://news.example.org/s")]


def test_relative_links_resolve_against_the_feed_url_and_fragments_go() -> None:
    body = rss("L", [("a", "story.html#comments"), ("b", "/top/story.html"), ("c", "story.html")])
    urls = [i.url for i in parse_feed(body.encode(), FEED_URL).items]
    # the third is the first again once the fragment is dropped: one item
    assert urls == [
        "https://news.example.org/world/story.html",
        "https://news.example.org/top/story.html",
    ]


def test_entities_in_titles_are_decoded_even_when_escaped_twice() -> None:
    raw = "Kremlin &amp;quot;denies&amp;quot; &#8212; AT&amp;T &lt;b&gt;"
    [item] = parse_feed(
        rss("L", [(raw, "https://x.example/1")], raw_titles=True).encode(), FEED_URL
    ).items
    assert item.title == 'Kremlin "denies" \u2014 AT&T <b>'


def test_non_http_links_are_left_out() -> None:
    body = rss(
        "L", [("js", "javascript:alert(1)"), ("mail", "mailto:a@b.c"), ("ok", "https://x.example/")]
    )
    assert [i.title for i in parse_feed(body.encode(), FEED_URL).items] == ["ok"]


@pytest.mark.parametrize(
    "body", [b"<html><body><p>a page</p></body></html>", b"", b"\x00\x01garbage"]
)
def test_a_document_that_is_no_feed_is_refused(body: bytes) -> None:
    with pytest.raises(NotAFeed):
        parse_feed(body, FEED_URL)


def test_items_are_published_oldest_first() -> None:
    day = [datetime(2026, 11, d, tzinfo=UTC) for d in (1, 2, 3)]
    dated = [
        FeedItem("https://x.example/3", "c", day[2]),
        FeedItem("https://x.example/1", "a", day[0]),
        FeedItem("https://x.example/2", "b", day[1]),
    ]
    assert [i.title for i in oldest_first(dated)] == ["a", "b", "c"]
    undated = [FeedItem("https://x.example/new", "new", None), dated[0]]
    assert [i.title for i in oldest_first(undated)] == ["c", "new"]  # the feed's order, reversed

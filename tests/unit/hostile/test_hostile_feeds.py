"""Hostile feeds and pages: whatever the bytes, the parsers answer with an item list, an article,
or their own clear error (NotAFeed, ExtractionFailed); nothing else escapes."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.common.html_article import ExtractionFailed, Hints, extract_article
from services.sources.items import NotAFeed, parse_feed

FEED_URL = "https://news.example.org/feed.xml"
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8)
    )
    + b']><rss version="2.0"><channel><title>&i;</title></channel></rss>'
)
EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<rss version="2.0"><channel><title>&x;</title><item><title>&x;</title>'
    b"<link>https://x.example/1</link></item></channel></rss>"
)
FRAGMENTS = [
    b"<rss", b"<feed xmlns='http://www.w3.org/2005/Atom'>", b"<item><link>", b"</link></item>",
    b"<entry><link href='", b"'/></entry>", b"javascript:alert(1)", b"//evil.example/x",
    b"\x00", b"\xff\xfe", b"&amp;", b"&#x0;", b"<![CDATA[", b"]]>", b"<title>", b"</title>",
]  # fmt: skip


def _parses_or_refuses(body: bytes) -> None:
    try:
        parsed = parse_feed(body, FEED_URL)
    except NotAFeed:
        return
    for item in parsed.items:
        assert item.url.startswith(("http://", "https://"))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.binary(max_size=40), max_size=30))
def test_any_bytes_are_a_feed_or_not_a_feed(chunks: list[bytes]) -> None:
    _parses_or_refuses(b"".join(chunks))


def test_markup_that_trips_the_loose_parser_is_not_a_feed() -> None:
    # found by the property test above: feedparser itself raised KeyError('links')
    body = (
        b"</link></item>&#x0;<feed xmlns='http://www.w3.org/2005/Atom'><item><link>"
        b"<entry><link href='</link></item></link></item>"
    )
    with pytest.raises(NotAFeed, match="parser failed"):
        parse_feed(body, FEED_URL)


def test_entity_expansion_and_external_entities_do_not_blow_up_or_leak() -> None:
    _parses_or_refuses(LAUGHS)
    try:
        parsed = parse_feed(EXTERNAL, FEED_URL)
    except NotAFeed:
        return
    assert all("root:" not in (item.title or "") for item in parsed.items)
    assert "root:" not in (parsed.title or "")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000) | st.text(max_size=2000))
def test_any_page_is_an_article_or_a_clear_failure(page: bytes | str) -> None:
    with contextlib.suppress(ExtractionFailed):
        extract_article(page, Hints(url="https://news.example.org/a.html"))


@pytest.mark.parametrize(
    "page",
    [
        "<html>" + "<div>" * 5000 + "text " * 100 + "</div>" * 5000 + "</html>",
        "<html><body><p>" + "word " * 60_000 + "</p></body></html>",  # over the article limit
        "<html><head><title>" + "T" * 5000 + "</title></head><body></body></html>",
    ],
    ids=["deep-nesting", "very-long", "huge-title"],
)
def test_extreme_pages_give_a_valid_article_or_a_clear_failure(page: str) -> None:
    try:
        article = extract_article(page)
    except ExtractionFailed:
        return
    assert article.text and len(article.title) <= 1_000

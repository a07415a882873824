"""Pure: a feed document (RSS or Atom bytes) -> its items, each with an absolute page URL."""

from __future__ import annotations

import calendar
import html
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urldefrag, urljoin

import feedparser


class NotAFeed(ValueError):
    """The document is neither RSS nor Atom."""


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str | None
    published_at: datetime | None


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    items: list[FeedItem]


def parse_feed(body: bytes, feed_url: str, content_type: str | None = None) -> ParsedFeed:
    """The items in feed order, links made absolute against the feed's URL (or its xml:base),
    fragments dropped, duplicates and non-http links left out."""
    headers = {"content-location": feed_url}
    if content_type:
        headers["content-type"] = content_type
    try:
        parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False)
    except Exception as exc:  # feedparser's loose parser can trip on broken markup (KeyError)
        raise NotAFeed(
            f"not an RSS or Atom feed: the parser failed ({type(exc).__name__})"
        ) from exc
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise NotAFeed(f"not an RSS or Atom feed: {reason}")
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = _link(entry, feed_url)
        if link is None or link in seen:
            continue
        seen.add(link)
        items.append(FeedItem(link, _title(entry.get("title")), _published(entry)))
    return ParsedFeed(_title(parsed.feed.get("title")), items)


def oldest_first(items: list[FeedItem]) -> list[FeedItem]:
    """The order to publish in: by date when every item has one, else the feed's order
    reversed (feeds list the newest first). Novelty takes the first report of an act as its
    source, so the stream should meet the older story first."""
    if items and all(item.published_at is not None for item in items):
        return sorted(items, key=lambda item: item.published_at or _EPOCH)
    return items[::-1]


_EPOCH = datetime.fromtimestamp(0, UTC)


def _link(entry: feedparser.FeedParserDict, feed_url: str) -> str | None:
    raw = entry.get("link")
    if not raw:
        # Atom: the first alternate link; RSS without <link>: a permalink guid.
        alternates = [lk.get("href") for lk in entry.get("links", []) if lk.get("href")]
        raw = alternates[0] if alternates else None
        if raw is None and entry.get("guidislink"):
            raw = entry.get("id")
    if not raw:
        return None
    url, _ = urldefrag(urljoin(feed_url, str(raw).strip()))
    return url if url.startswith(("http://", "https://")) else None


def _title(raw: object) -> str | None:
    if not isinstance(raw, str) or not raw.strip():
        return None
    # Feeds often escape twice ('&amp;quot;'): feedparser undoes one level, this the other.
    return " ".join(html.unescape(raw).split())


def _published(entry: feedparser.FeedParserDict) -> datetime | None:
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed is None:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC)

"""`claimwatch feeds`: the arguments, ids from URLs, and one line of health per feed."""

from __future__ import annotations

from schemas.feeds import Feed, FeedHealth, FeedSpec, FeedStatus, feed_id
from services.cli.feeds import _feed_id, describe
from services.cli.main import build_parser


def test_the_subcommands_parse() -> None:
    parser = build_parser()
    add = parser.parse_args(
        ["feeds", "add", "https://x.example/rss", "--every", "60", "--label", "X"]
    )
    assert (add.action, add.url, add.every, add.label) == ("add", "https://x.example/rss", 60, "X")
    assert parser.parse_args(["feeds", "list"]).action == "list"
    assert parser.parse_args(["feeds", "remove", "feed-1"]).feed == "feed-1"


def test_remove_by_url_finds_the_id_the_api_gave() -> None:
    feed = Feed.from_spec(FeedSpec.model_validate({"url": "https://x.example"}))
    assert _feed_id("https://x.example") == feed.id == feed_id("https://x.example/")
    assert _feed_id("feed-abc") == "feed-abc"


def test_list_line_shows_health_and_counts() -> None:
    feed = Feed.from_spec(FeedSpec.model_validate({"url": "https://x.example/rss", "label": "X"}))
    failing = FeedHealth(consecutive_failures=3, last_error="HTTP 503", polls=9, not_modified=4)
    line = describe(FeedStatus(feed=feed, health=failing, healthy=False).model_dump(mode="json"))
    assert line.startswith("FAILING x3") and "last error: HTTP 503" in line
    assert "polls 9 (304: 4)" in line and feed.id in line
    ok = describe(
        FeedStatus(feed=feed, health=FeedHealth(published=2, polls=1), healthy=True).model_dump(
            mode="json"
        )
    )
    assert ok.startswith("ok") and "published 2" in ok
    new = describe(FeedStatus(feed=feed, health=FeedHealth(), healthy=True).model_dump(mode="json"))
    assert new.startswith("not polled")


def test_list_line_is_terminal_safe_and_counts_pages_not_in_english() -> None:
    spec = {"url": "https://x.example/rss", "label": "Ledger \x1b]0;owned\x07 \u202eWire"}
    feed = Feed.from_spec(FeedSpec.model_validate(spec))
    health = FeedHealth(
        polls=2,
        consecutive_failures=1,
        unsupported_language=3,
        last_error="not a feed: <title>\x1b[2Jgone</title>",
    )
    line = describe(FeedStatus(feed=feed, health=health, healthy=False).model_dump(mode="json"))
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in line
    assert "\\x1b]0;owned\\x07" in line and "\\u202eWire" in line and "\\x1b[2Jgone" in line
    assert "not English 3" in line

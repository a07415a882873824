"""HTML page -> article: the story without the site's chrome, with title, date and outlet."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from schemas.articles import derive_article_id
from services.common.html_article import ExtractionFailed, Hints, extract_article
from tests.support.feed_site import DENIAL_STORY, article_page

PAGE = article_page("Kremlin denies troop moves", DENIAL_STORY)


def test_the_story_comes_out_without_the_chrome_around_it() -> None:
    article = extract_article(PAGE)
    for paragraph in DENIAL_STORY:
        assert paragraph in article.text
    for chrome in (
        "cookies",
        "Most read",
        "soups",
        "Subscribe",
        "Related stories",
        "rights reserved",
    ):
        assert chrome not in article.text
    assert not article.text.startswith("Kremlin denies troop moves")  # headline not repeated
    assert article.title == "Kremlin denies troop moves"
    assert article.source == "The Test Ledger"
    assert article.published_at == datetime(2026, 11, 30, tzinfo=UTC)


def test_the_fetched_url_gives_the_id_ingest_gives_it() -> None:
    url = "https://news.example.org/world/kremlin-denies.html"
    article = extract_article(PAGE.encode("utf-8"), Hints(url=url, title="Feed title"))
    assert article.to_article().id == derive_article_id(url, "", "")
    assert article.title == "Feed title"  # the feed's title wins over the page's <title>


def test_hints_fill_what_the_page_does_not_say() -> None:
    bare = (
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in DENIAL_STORY)
        + "</article></body></html>"
    )
    when = datetime(2026, 12, 1, 9, tzinfo=UTC)
    article = extract_article(bare, Hints(source="Feed Outlet", published_at=when))
    assert (article.source, article.published_at) == ("Feed Outlet", when)


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html><body><nav>Home</nav><p>Short.</p></body></html>",
        "not html at all",
        b"\xff\xfe\x00",
    ],
)
def test_a_page_without_an_article_is_a_clear_failure(html: str | bytes) -> None:
    with pytest.raises(ExtractionFailed):
        extract_article(html)

"""Stable article ids: the given id, else the URL, else the content, so a resend is one key."""

from __future__ import annotations

from schemas.articles import ArticleIn, derive_article_id


def test_given_id_is_kept() -> None:
    article = ArticleIn(id="wire-7", url="https://example.org/x", text="Body.").to_article()
    assert article.id == "wire-7"


def test_same_url_same_id_whatever_the_content() -> None:
    first = ArticleIn(url="https://example.org/story", title="v1", text="First version.")
    second = ArticleIn(url="https://example.org/story", title="v2", text="Corrected version.")
    assert first.to_article().id == second.to_article().id
    assert first.to_article().id.startswith("url-")


def test_different_urls_different_ids() -> None:
    a = ArticleIn(url="https://example.org/a", text="Same body.").to_article()
    b = ArticleIn(url="https://example.org/b", text="Same body.").to_article()
    assert a.id != b.id


def test_same_content_same_id_despite_whitespace() -> None:
    a = ArticleIn(title="Minister warns", text="The minister warned of floods.\n\nMore text.")
    b = ArticleIn(title=" Minister warns ", text="The  minister warned of floods. More text. ")
    assert a.to_article().id == b.to_article().id
    assert a.to_article().id.startswith("sha-")


def test_different_content_different_id() -> None:
    a = ArticleIn(title="Minister warns", text="The minister warned of floods.")
    b = ArticleIn(title="Minister warns", text="The minister warned of drought.")
    assert a.to_article().id != b.to_article().id


def test_derived_id_is_deterministic_across_calls() -> None:
    assert derive_article_id(None, "t", "body") == derive_article_id(None, "t", "body")
    assert derive_article_id(None, "t", "body") != derive_article_id("https://e.org/t", "t", "body")

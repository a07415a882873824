"""`claimwatch replay` of saved `.html` pages: the same extractor as the sources service."""

from __future__ import annotations

from pathlib import Path

from schemas.articles import derive_article_id
from services.ingest.sources import ReadArticle, Rejection, read_articles
from tests.support.feed_site import DENIAL_STORY, article_page


def test_a_saved_page_is_an_article_with_its_id_from_the_stem(tmp_path: Path) -> None:
    (tmp_path / "kremlin-denies.html").write_text(article_page("Kremlin denies", DENIAL_STORY))
    [result] = list(read_articles([tmp_path]))
    assert isinstance(result, ReadArticle)
    assert result.article.id == "kremlin-denies"
    assert result.article.title == "Kremlin denies" and result.article.source == "The Test Ledger"
    assert DENIAL_STORY[1] in result.article.text and "cookies" not in result.article.text


def test_a_page_with_a_canonical_url_gets_the_id_a_live_fetch_gives(tmp_path: Path) -> None:
    url = "https://news.example.org/world/kremlin-denies.html"
    page = article_page("Kremlin denies", DENIAL_STORY).replace(
        "</head>", f'<link rel="canonical" href="{url}"></head>'
    )
    (tmp_path / "saved.htm").write_text(page, encoding="utf-8")
    [result] = list(read_articles([tmp_path / "saved.htm"]))
    assert isinstance(result, ReadArticle)
    assert result.article.to_article().id == derive_article_id(url, "", "")


def test_a_page_without_an_article_is_rejected_with_why(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html><body><nav>Home</nav></body></html>")
    [result] = list(read_articles([tmp_path]))
    assert isinstance(result, Rejection) and "main text" in result.reason

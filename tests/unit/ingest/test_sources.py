"""File readers: each format, the seed, folders, and bad files that never end a run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.ingest.sources import (
    ReadArticle,
    ReadResult,
    Rejection,
    id_from_stem,
    parse_txt,
    read_articles,
    read_file,
)

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
SEED = SEEDS / "aljazeera-2022-03-14-russia-china-military-aid.txt"


def articles(results: list[ReadResult]) -> list[ReadArticle]:
    return [r for r in results if isinstance(r, ReadArticle)]


def rejections(results: list[ReadResult]) -> list[Rejection]:
    return [r for r in results if isinstance(r, Rejection)]


def test_seed_reads_title_source_and_intact_body() -> None:
    [result] = list(read_articles([SEED]))
    assert isinstance(result, ReadArticle)
    article = result.article
    raw = SEED.read_text(encoding="utf-8")
    assert article.id == SEED.stem
    assert article.title == raw.split("\n", 1)[0]
    assert article.source == "Al Jazeera and news agencies"
    assert "Source:" not in article.text
    assert article.text.startswith("Beijing rejects the US assertions")
    # The body is the file between the title line and the source line, unchanged.
    body = raw.split("\n", 1)[1].rsplit("Source:", 1)[0].strip("\n")
    assert article.text == body
    assert article.to_article().id == SEED.stem


def test_seeds_folder_reads_every_article_file_in_sorted_order() -> None:
    results = list(read_articles([SEEDS]))
    expected = sorted(
        p for p in SEEDS.rglob("*") if p.suffix in {".txt", ".json"} and not p.name.startswith(".")
    )
    assert [r.path for r in articles(results)] == expected
    assert articles(results)[0].article.id == SEED.stem
    assert all(r.skipped for r in rejections(results))  # only non-article files, e.g. README.md


def test_txt_without_source_line_keeps_last_line(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("A title\n\nFirst paragraph.\n\nLast paragraph.\n", encoding="utf-8")
    article = parse_txt(path.read_text(encoding="utf-8"), path.stem)
    assert article.title == "A title"
    assert article.source is None
    assert article.text == "First paragraph.\n\nLast paragraph."


def test_txt_crlf_and_bom_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes("\ufeffTitle\r\n\r\nBody line.\r\nSource: Wire\r\n".encode())
    [result] = list(read_articles([path]))
    assert isinstance(result, ReadArticle)
    assert (result.article.title, result.article.text, result.article.source) == (
        "Title",
        "Body line.",
        "Wire",
    )


def test_txt_with_only_a_title_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Just a title\n", encoding="utf-8")
    [result] = list(read_articles([path]))
    assert isinstance(result, Rejection)
    assert "no body" in result.reason


@pytest.mark.parametrize(
    ("stem", "expected"),
    [("plain-id_1.2", "plain-id_1.2"), ("Has Spaces!", "has-spaces"), ("---", None)],
)
def test_txt_id_comes_from_the_file_stem(stem: str, expected: str | None) -> None:
    assert id_from_stem(stem) == expected


def test_json_article_in_guidelines_format(tmp_path: Path) -> None:
    path = tmp_path / "a1.json"
    doc = {
        "id": "a1",
        "url": "https://example.org/news/1",
        "source": "Example Wire",
        "published_at": "2022-03-14",
        "title": "Minister denies report",
        "text": "The minister denied the report on Monday.",
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    [result] = list(read_articles([path]))
    assert isinstance(result, ReadArticle)
    assert result.article.id == "a1"
    assert str(result.article.url) == "https://example.org/news/1"
    assert result.article.published_at is not None
    assert result.article.published_at.year == 2022


def test_json_without_id_gets_a_derived_id(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"title": "T", "text": "Some words."}), encoding="utf-8")
    [result] = list(read_articles([path]))
    assert isinstance(result, ReadArticle)
    assert result.article.id is None
    assert result.article.to_article().id.startswith("sha-")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "invalid JSON"),
        (b"[1, 2]", "expected a JSON object"),
        (b'{"title": "no text"}', "text: Field required"),
        (b'{"text": "x", "url": "not a url"}', "url:"),
        (b"\xff\xfe\xfa garbage", "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        (b"", "empty"),
    ],
)
def test_bad_json_files_are_rejected_with_reason(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    [result] = list(read_articles([path]))
    assert isinstance(result, Rejection)
    assert reason in result.reason
    assert result.path == path


def test_jsonl_bad_line_is_rejected_and_the_others_kept(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "one", "text": "First article."}),
        "",
        "{broken",
        json.dumps({"id": "three", "text": ""}),
        json.dumps({"id": "four", "text": "Fourth article."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_articles([path]))
    assert [(r.article.id, r.line) for r in articles(results)] == [("one", 1), ("four", 5)]
    assert [(r.line, r.reason.split(":")[0]) for r in rejections(results)] == [
        (3, "invalid JSON"),
        (4, "text"),
    ]
    assert rejections(results)[0].where == f"{path}:3"


def test_jsonl_invalid_utf8_line_only_loses_that_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "\xff"}\n')
    results = list(read_articles([path]))
    assert [r.article.id for r in articles(results)] == ["a"]
    [bad] = rejections(results)
    assert bad.line == 2 and "not UTF-8" in bad.reason


def test_folder_walk_is_recursive_sorted_and_skips_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("Title A\n\nBody A.", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("Title C\n\nBody C.", encoding="utf-8")
    (tmp_path / "b" / "c.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "d.md").write_text("# notes", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nBody.", encoding="utf-8")
    (tmp_path / "z.txt").write_bytes(b"\x00\x01\x02")
    results = list(read_articles([tmp_path]))
    assert [r.article.id for r in articles(results)] == ["a", "c"]
    assert [(r.path.name, r.skipped) for r in rejections(results)] == [
        ("c.gold.json", True),
        ("d.md", True),
        ("z.txt", False),
    ]


def test_missing_path_is_a_rejection_not_an_error(tmp_path: Path) -> None:
    results = list(read_articles([tmp_path / "absent.txt", SEED]))
    assert isinstance(results[0], Rejection)
    assert results[0].reason == "no such file or directory"
    assert isinstance(results[1], ReadArticle)


def test_unreadable_file_is_rejected(tmp_path: Path) -> None:
    # A folder named like a file cannot be opened, even by root: a portable unreadable file.
    path = tmp_path / "folder.txt"
    path.mkdir()
    [result] = list(read_file(path))
    assert isinstance(result, Rejection)
    assert result.reason.startswith("cannot read file")


def test_a_single_path_is_not_iterated_as_characters() -> None:
    assert [r.path for r in read_articles(str(SEED))] == [SEED]
    assert [r.path for r in read_articles(SEED)] == [SEED]


_line = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=80
).filter(lambda s: s.strip() == s and not s.startswith("Source:"))


@given(title=_line, paragraphs=st.lists(_line, min_size=1, max_size=5), source=st.none() | _line)
def test_txt_parts_come_back_as_written(
    title: str, paragraphs: list[str], source: str | None
) -> None:
    body = "\n\n".join(paragraphs)
    content = f"{title}\n\n{body}\n" + (f"\nSource: {source}\n" if source else "")
    article = parse_txt(content, "story-1")
    assert (article.title, article.text, article.source) == (title, body, source)
    assert article.id == "story-1"

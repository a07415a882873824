"""Pure file readers: article files and folders in, `ArticleIn`s or rejections (with why) out.

Formats:
- `.txt`: first non-blank line is the title, the rest the body; a last line `Source: ...`
  becomes `source` and is removed from the text. A `.txt` file has no place for an id, so
  its id is the file stem (the seed's id is its file name without `.txt`); a stem that is
  not a valid id is slugified, and an empty slug leaves the id to be derived from content.
- `.json`: one article object as in the evaluation guidelines (id, url, source,
  published_at, title, text). Without an id, `ArticleIn.to_article()` derives it from the
  URL, else from the content.
- `.jsonl`: one article object per line; a bad line is rejected with its line number and
  the other lines are kept. Blank lines are ignored.
- `.html` / `.htm`: a saved web page, read by the same extractor as the sources service
  (`services.common.html_article`): main text, title, date and outlet. Its id derives from the
  page's canonical URL when it names one (the id a live fetch of that URL gives), else from
  the file stem as for `.txt`.

Folders are walked recursively in sorted order; hidden entries (`.git`, `.DS_Store`) are
passed over, gold annotation files (`*.gold.json`) and unknown extensions are reported as
skipped. Nothing here raises for bad input: every problem is a `Rejection`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import ValidationError

from schemas.articles import ArticleIn, slugify

SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm")
GOLD_SUFFIX = ".gold.json"
# Whole-file formats are read into memory; an article is at most 200k characters, so a
# file far above that is not an article (and must not exhaust memory).
MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_JSONL_LINE_BYTES = 1024 * 1024
_SOURCE_LINE = re.compile(r"^\s*Source:\s*(?P<source>.*?)\s*$")
_VALID_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")


@dataclass(frozen=True)
class ReadArticle:
    """An article read from `path` (from line `line` of a `.jsonl` file)."""

    path: Path
    article: ArticleIn
    line: int | None = None

    # A Literal tag: `if result.ok:` narrows a ReadResult to ReadArticle for type checkers.
    ok: ClassVar[Literal[True]] = True

    @property
    def where(self) -> str:
        return _where(self.path, self.line)


@dataclass(frozen=True)
class Rejection:
    """A file or line that gives no article, and why; `skipped`: a file not meant as one."""

    path: Path
    reason: str
    line: int | None = None
    skipped: bool = False

    ok: ClassVar[Literal[False]] = False

    @property
    def where(self) -> str:
        return _where(self.path, self.line)


ReadResult = ReadArticle | Rejection


def read_articles(paths: Iterable[str | Path]) -> Iterator[ReadResult]:
    """Every article in `paths` (files or folders), in order, each bad input a `Rejection`."""
    if isinstance(paths, str | Path):
        paths = [paths]  # one path, not an iterable of its characters
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield from read_file(path)
        else:
            yield Rejection(path, "no such file or directory")


def read_file(path: Path) -> Iterator[ReadResult]:
    """The articles of one file, by its extension."""
    name = path.name.lower()
    if name.endswith(GOLD_SUFFIX):
        yield Rejection(path, "skipped: gold annotation file, not an article", skipped=True)
    elif name.endswith(".jsonl"):
        yield from _read_jsonl(path)
    elif name.endswith(".json"):
        yield _read_whole(path, _parse_json_file)
    elif name.endswith(".txt"):
        yield _read_whole(path, _parse_txt_file)
    elif name.endswith((".html", ".htm")):
        yield _read_whole(path, _parse_html_file)
    else:
        suffix = path.suffix or "(none)"
        yield Rejection(
            path,
            f"skipped: unknown extension {suffix}; expected one of {', '.join(SUFFIXES)}",
            skipped=True,
        )


def parse_txt(content: str, stem: str) -> ArticleIn:
    """A `.txt` article: title line, body, optional trailing `Source:` line; id from the stem."""
    lines = content.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise ValueError("file is empty")
    title = lines.pop(0).strip()
    source = None
    if lines and (match := _SOURCE_LINE.match(lines[-1])):
        source = match.group("source") or None
        lines.pop()
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        raise ValueError("no body after the title line")
    return ArticleIn(id=id_from_stem(stem), source=source, title=title, text=text)


def parse_html(content: bytes, stem: str) -> ArticleIn:
    """A saved page through the sources service's extractor; ValueError when it holds none."""
    # Imported here: trafilatura and lxml load only when a replay meets an HTML file.
    from services.common.html_article import extract_article

    article = extract_article(content)
    if article.url is None:
        article = article.model_copy(update={"id": id_from_stem(stem)})
    return article


def id_from_stem(stem: str) -> str | None:
    """The file stem as an article id when it is a valid id, else its slug, else None."""
    if _VALID_ID.match(stem):
        return stem
    return slugify(stem, max_len=200) or None


def parse_json_article(raw: Any) -> ArticleIn:
    """One decoded JSON value as an article (it must be an object)."""
    if not isinstance(raw, dict):
        raise ValueError(f"expected a JSON object (one article), got {_json_kind(raw)}")
    return ArticleIn.model_validate(raw)


def describe_error(exc: Exception) -> str:
    """A short, human reason: for validation errors, each field and what is wrong with it."""
    if isinstance(exc, ValidationError):
        parts = []
        for err in exc.errors(include_url=False):
            loc = ".".join(str(p) for p in err["loc"]) or "article"
            parts.append(f"{loc}: {err['msg']}")
        return "; ".join(parts)
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text: invalid byte 0x{exc.object[exc.start]:02x} at offset {exc.start}"
    return str(exc)


def _walk(folder: Path) -> Iterator[ReadResult]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        yield Rejection(folder, f"cannot list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        # Symlinked folders are not followed: a link loop must not hang a replay.
        if entry.is_dir() and not entry.is_symlink():
            yield from _walk(entry)
        elif entry.is_file():
            yield from read_file(entry)


def _read_whole(path: Path, parse: Callable[[Path], ArticleIn]) -> ReadResult:
    """A one-article file: what `parse` makes of it, or why it gives none."""
    try:
        article = parse(path)
    except (OSError, ValueError) as exc:
        return Rejection(path, _describe_io(exc))
    return ReadArticle(path, article)


def _parse_txt_file(path: Path) -> ArticleIn:
    return parse_txt(_read_text(path), path.stem)


def _parse_html_file(path: Path) -> ArticleIn:
    return parse_html(_read_bytes(path), path.stem)


def _parse_json_file(path: Path) -> ArticleIn:
    return parse_json_article(_loads(_read_text(path)))


def _read_jsonl(path: Path) -> Iterator[ReadResult]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Rejection(path, _describe_io(exc))
        return
    with handle:
        lineno = 0
        found = False
        try:
            for lineno, raw_line in enumerate(handle, start=1):
                if not raw_line.strip():
                    continue
                found = True
                yield _read_jsonl_line(path, lineno, raw_line)
        except OSError as exc:
            yield Rejection(path, _describe_io(exc), line=lineno + 1)
            return
    if not found:
        yield Rejection(path, "file is empty: no JSON lines")


def _read_jsonl_line(path: Path, lineno: int, raw_line: bytes) -> ReadResult:
    try:
        if len(raw_line) > MAX_JSONL_LINE_BYTES:
            raise ValueError(f"line is longer than {MAX_JSONL_LINE_BYTES} bytes")
        if b"\x00" in raw_line:
            raise ValueError("binary content (NUL bytes), not JSON text")
        text = raw_line.decode("utf-8-sig" if lineno == 1 else "utf-8")
        article = parse_json_article(_loads(text))
    except ValueError as exc:
        return Rejection(path, describe_error(exc), line=lineno)
    return ReadArticle(path, article, line=lineno)


def _loads(text: str) -> Any:
    """json.loads, with too deep a nesting as a ValueError like any other bad JSON."""
    try:
        return json.loads(text)
    except RecursionError:
        # The decoder recurses once per level: '[' * 100_000 would escape as RecursionError.
        raise ValueError("invalid JSON: nested too deeply") from None


def _read_text(path: Path) -> str:
    """A whole file as UTF-8 text; ValueError for binary, oversized or non-UTF-8 files."""
    return _read_bytes(path).decode("utf-8-sig")  # a BOM from an editor is not in the title


def _read_bytes(path: Path) -> bytes:
    """A whole file; ValueError for binary, oversized or empty files. (HTML keeps its bytes:
    the extractor reads the page's own charset declaration.)"""
    with path.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"file is larger than {MAX_FILE_BYTES} bytes: not an article")
    if b"\x00" in data:
        raise ValueError("binary file (NUL bytes), not text")
    if not data.strip():
        raise ValueError("file is empty")
    return data


def _describe_io(exc: OSError | ValueError) -> str:
    if isinstance(exc, OSError):
        return f"cannot read file: {exc.strerror or exc}"
    return describe_error(exc)


def _json_kind(value: object) -> str:
    return {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def _where(path: Path, line: int | None) -> str:
    return f"{path}:{line}" if line is not None else str(path)

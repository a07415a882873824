"""Hostile article files: the readers and `claimwatch replay --dry-run` reject each with a reason
and keep every good article; nothing raises, nothing hangs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from schemas.articles import MAX_TEXT_CHARS
from services.ingest.sources import MAX_FILE_BYTES, ReadArticle, Rejection, read_articles

CLAIMWATCH = Path(sys.executable).parent / "claimwatch"
DEEP = "[" * 100_000 + "]" * 100_000
GOOD_TEXT = "The ministry denied the report on Tuesday."

# name -> (content, what the rejection must say)
HOSTILE: dict[str, tuple[bytes, str]] = {
    "deep.json": (DEEP.encode(), "nested"),
    "deep-object.json": (('{"a":' * 100_000 + "1" + "}" * 100_000).encode(), "nested"),
    "deep-field.json": (f'{{"text": "Words.", "title": {DEEP}}}'.encode(), "nested"),
    "huge-number.json": (b'{"text": ' + b"9" * 5000 + b"}", "digits"),
    "binary.txt": (bytes(range(256)) * 16, "binary"),
    "latin1.txt": ("Titre\n\nLe ministère a démenti.".encode("latin-1"), "not UTF-8"),
    "utf16.json": (json.dumps({"text": "Words."}).encode("utf-16"), "binary"),
    "empty.txt": (b"", "empty"),
    "blank.txt": (b" \n\n\t\n", "empty"),
    "title-only.txt": (b"Just a title\n", "no body"),
    "too-long.txt": (("Title\n\n" + "x" * (MAX_TEXT_CHARS + 1)).encode(), "text"),
    "too-big.txt": (b"a" * (MAX_FILE_BYTES + 1), "larger than"),
    "array.json": (b'[{"text": "one"}]', "expected a JSON object"),
    "nul.json": (b'{"text": "a\\u0000b"}', "NUL"),
}


def write_corpus(folder: Path) -> dict[str, str]:
    """The hostile files, plus good ones whose text must come back untouched."""
    for name, (content, _) in HOSTILE.items():
        (folder / name).write_bytes(content)
    good = {
        "html.txt": "<p>The <b>ministry</b> denied it.</p><script>alert(1)</script>&amp;",
        "chinese.txt": "外交部发言人否认了这一报道，并警告称将采取反制措施。",
        "arabic.txt": "نفى المتحدث باسم الوزارة التقرير وحذر من العواقب.",
        "russian.txt": "Министр опроверг сообщения и предупредил о последствиях.",
        "longest.txt": "y" * MAX_TEXT_CHARS,
        "sentences.txt": " ".join(f"Official {i} denied the report." for i in range(3000)),
    }
    for name, text in good.items():
        (folder / name).write_text(f"A title\n\n{text}\n", encoding="utf-8")
    lines = [
        json.dumps({"id": "line-1", "text": GOOD_TEXT}),
        DEEP,
        "9" * 5000,
        '{"text": "caf\xe9"}',  # becomes invalid UTF-8 below
        "x" * (2 * 1024 * 1024),
        json.dumps({"id": "line-6", "text": "Сообщение опровергнуто."}),
    ]
    raw = "\n".join(lines).encode("utf-8").replace("caf\xe9".encode(), b"caf\xe9")
    (folder / "mixed.jsonl").write_bytes(raw)
    return good


def test_each_hostile_file_is_a_rejection_with_its_reason(tmp_path: Path) -> None:
    good = write_corpus(tmp_path)
    results = list(read_articles(tmp_path))
    rejected = {r.path.name: r.reason for r in results if isinstance(r, Rejection) and not r.line}
    for name, (_, says) in HOSTILE.items():
        assert name in rejected, f"{name} was not rejected"
        assert says.casefold() in rejected[name].casefold(), f"{name}: {rejected[name]}"
    read = {r.path.name: r.article for r in results if isinstance(r, ReadArticle) and not r.line}
    assert {name: a.text for name, a in read.items()} == good


def test_jsonl_loses_only_its_bad_lines(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    results = list(read_articles(tmp_path / "mixed.jsonl"))
    kept = [r.article.id for r in results if isinstance(r, ReadArticle)]
    bad = {r.line: r.reason for r in results if isinstance(r, Rejection)}
    assert kept == ["line-1", "line-6"]
    assert sorted(bad) == [2, 3, 4, 5]
    assert "nested" in bad[2]
    assert "digits" in bad[3]
    assert "UTF-8" in bad[4]
    assert "longer than" in bad[5]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_file_is_refused_after_a_bounded_read(tmp_path: Path, device: str) -> None:
    link = tmp_path / "endless.txt"
    link.symlink_to(device)
    [result] = list(read_articles(link))
    assert isinstance(result, Rejection)
    assert "larger than" in result.reason or "binary" in result.reason


def test_replay_dry_run_reports_every_hostile_file_and_validates_the_rest(tmp_path: Path) -> None:
    good = write_corpus(tmp_path)
    done = subprocess.run(
        [str(CLAIMWATCH), "replay", "--dry-run", "--no-progress", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    summary, *details = done.stdout.splitlines()
    n_good = len(good) + 2  # and two good .jsonl lines
    n_bad = len(HOSTILE) + 4
    assert summary == f"validated {n_good}, rejected {n_bad}, skipped 0"
    for name in HOSTILE:
        assert any(line.startswith(f"  rejected {tmp_path / name}: ") for line in details), name
    assert "Traceback" not in done.stderr

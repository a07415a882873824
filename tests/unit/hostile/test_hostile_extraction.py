"""Hostile articles through the Extractor: a list back, every span exact, within a time ceiling.

The extractor runs in a child process (extract_child.py) so that an article that hangs it is
killed at the ceiling and fails its own test, instead of blocking the suite or burning a core
for the rest of the run.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from schemas.articles import MAX_TEXT_CHARS, Article, ArticleIn
from schemas.claims import Claim

ROOT = Path(__file__).resolve().parents[3]
CHILD = Path(__file__).with_name("extract_child.py")
LOAD_CEILING_S = 120.0
# Generous: the longest valid article of ordinary prose takes about 5 s on this 2-core
# machine. Six times that is still a worker that keeps up; a hang is far beyond it.
CEILING_S = 30.0


class Child:
    """The extractor process; `extract` answers within `timeout` or kills it and says so."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.buffer = b""

    def _start(self) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(
            [sys.executable, str(CHILD)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            start_new_session=True,
        )
        self.proc, self.buffer = proc, b""
        ready = self._answer(LOAD_CEILING_S)
        assert ready == {"ready": True}, ready
        return proc

    def _answer(self, timeout: float) -> dict[str, Any]:
        assert self.proc is not None and self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as sel:
            sel.register(self.proc.stdout, selectors.EVENT_READ)
            while b"\n" not in self.buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not sel.select(left):
                    self.stop()
                    raise TimeoutError(f"no answer within {timeout:.0f} s")
                chunk = os.read(self.proc.stdout.fileno(), 1 << 20)
                if not chunk:
                    code = self.proc.wait()
                    self.stop()
                    raise RuntimeError(f"extractor process died (exit {code})")
                self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        answer: dict[str, Any] = json.loads(line)
        return answer

    def extract(self, article: Article, timeout: float) -> dict[str, Any]:
        proc = self.proc if self.proc and self.proc.poll() is None else self._start()
        assert proc.stdin is not None
        proc.stdin.write(article.model_dump_json().encode() + b"\n")
        proc.stdin.flush()
        return self._answer(timeout)

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()
        self.proc = None


@pytest.fixture(scope="module")
def child() -> Iterator[Child]:
    running = Child()
    yield running
    running.stop()


CUE = "The ministry denied that it had sent troops to the border, officials said. "


def _cap(text: str) -> str:
    return text[:MAX_TEXT_CHARS]


HOSTILE_TEXTS: dict[str, str] = {
    "html": (
        "<html><head><style>p{}</style></head><body><p>The <b>Kremlin</b> denied it had "
        "asked China for help.</p><script>alert('x')</script>&lt;b&gt; &amp; &nbsp;</body></html>"
    ),
    "chinese": "外交部发言人否认了美国的指控，称其为虚假信息。他警告说，美国将为此付出代价。" * 200,
    "arabic": "نفى المتحدث باسم الوزارة التقارير، وحذر من العواقب الوخيمة. " * 200,
    "russian": "Представитель министерства опроверг сообщения и предупредил о последствиях. " * 200,
    "mixed-scripts": "Russia denied « 'it' » had — asked — ‘China’ “for” help… Москва 北京. " * 300,
    "thousands-of-sentences": _cap(CUE * 3000),
    # FAILS (reported to the lead): quadratic in cues per sentence (actor_kind calls ~ n²/2).
    "one-sentence-of-200k-chars": _cap("and the minister denied it " * 8000),
    "no-spaces": "x" * MAX_TEXT_CHARS,
    "only-newlines": "\n" * (MAX_TEXT_CHARS - 40) + "The Kremlin denied it.",
    "emoji": "😀" * MAX_TEXT_CHARS,
    "controls": "The\u200b Kremlin\u202e denied\ufeff it \U0001f600 had asked. " * 2000,
    # FAILS (reported): sentences._BOUNDARY backtracks over a run of [.!?…] with no space after.
    "run-of-full-stops": "." * MAX_TEXT_CHARS,
    "run-of-exclamations": "Officials denied it" + "!" * (MAX_TEXT_CHARS - 100),
    # FAILS (reported): spaCy's tokenizer is quadratic on one long token of affix characters.
    "run-of-quote-marks": '"' * 99_000 + " he denied " + '"' * 99_000,
}


@pytest.mark.parametrize("name", list(HOSTILE_TEXTS))
def test_hostile_article_gives_a_list_with_exact_spans_in_bounded_time(
    child: Child, name: str
) -> None:
    article = ArticleIn(id=f"hostile-{name}", title=f"Hostile: {name}", text=HOSTILE_TEXTS[name])
    built = article.to_article()
    try:
        answer = child.extract(built, CEILING_S)
    except TimeoutError as exc:
        pytest.fail(f"{name} ({len(built.text)} chars): extractor still busy, killed: {exc}")
    assert "error" not in answer, answer["error"]
    assert answer["type"] == "list"
    claims = [Claim.model_validate(c) for c in answer["claims"]]
    for claim in claims:
        field_text = getattr(built, claim.span.field)
        assert field_text[claim.span.start : claim.span.end] == claim.sentence, claim
        assert claim.article_id == built.id
    assert answer["seconds"] < CEILING_S


def test_the_ceiling_kills_a_stuck_child() -> None:
    """The harness itself: a child that never answers is killed and reported, not waited on."""
    stuck = Child()
    stuck.proc = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(600)"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        stuck._answer(timeout=0.5)
    assert time.monotonic() - started < 10
    assert stuck.proc is None

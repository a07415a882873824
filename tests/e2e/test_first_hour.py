"""The first hour as a new user lives it: `claimwatch up` in one terminal, commands in another.

No CLAIMWATCH_* variable and no connection flag anywhere: the commands find the stack through
the file `up` writes. A receiver allowed with `--allow-webhook` gets a signed webhook after
`claimwatch replay seeds/`; the five hostile address forms are refused; an article's ESC, BEL
and U+202E reach no terminal raw; ingest takes no text/plain; /docs needs no network.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from standardwebhooks import Webhook

from tests.support.polling import eventually_blocking

ROOT = Path(__file__).resolve().parents[2]
CLAIMWATCH = [sys.executable, "-m", "services.cli.main"]
RAW = ("\x1b", "\x07", "\u202e")
HOSTILE_TEXT = (
    "MOSCOW, Dec 7 - Kremlin spokesman Dmitry Peskov on Monday denied that Russia had moved "
    "troops toward the border \x1b[2J\x1b]0;owned\x07 with Finland \u202e, calling the report "
    "a fabrication. The claim was published by a Finnish newspaper on Sunday."
)
GERMAN = (
    "Der Sprecher des Ministeriums wies am Dienstag die Berichte zurück, wonach die Regierung "
    "um militärische Hilfe gebeten habe. Das sei eine Erfindung, sagte er vor Journalisten."
)
ATTACKS = ["http://127.0.0.1:6379/", "http://localhost:22", "http://2130706433/",
           "http://0x7f000001/", "http://127.1/"]  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Receiver:
    """A subscriber's webhook endpoint on loopback: keeps each delivery's body and headers."""

    port: int
    got: list[tuple[bytes, dict[str, str]]] = field(default_factory=list)

    def serve(self) -> ThreadingHTTPServer:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.got.append((body, {k.lower(): v for k, v in self.headers.items()}))
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server


@dataclass
class Terminal:
    """A second terminal: the project folder, no CLAIMWATCH_* variables, no flags."""

    cwd: Path
    env: dict[str, str]

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*CLAIMWATCH, *args], cwd=self.cwd, env=self.env,
                              capture_output=True, text=True, timeout=timeout)  # fmt: skip


@dataclass
class Up:
    popen: subprocess.Popen[bytes]
    folder: Path
    out: Path

    def output(self) -> str:
        return self.out.read_text(errors="replace")

    def assert_running(self) -> None:
        assert self.popen.poll() is None, f"claimwatch up exited early:\n{self.output()}"

    @property
    def stack_file(self) -> Path:
        return self.folder / ".run" / "stack.json"


@pytest.fixture
def up(tmp_path: Path) -> Iterator[tuple[Up, Terminal, Receiver]]:
    # A fresh clone's layout: `seeds/` beside the `.run/` that `up` creates.
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWATCH_")}
    receiver = Receiver(free_port())
    server = receiver.serve()
    ports = ["--ingest-port", str(free_port()), "--alerts-port", str(free_port()),
             "--broker-port", str(free_port()), "--redis-port", str(free_port()),
             "--sources-port", str(free_port())]  # fmt: skip
    out = tmp_path / "up.out"
    with out.open("wb") as sink:
        popen = subprocess.Popen(
            [*CLAIMWATCH, "up", "--no-replay", *ports,
             "--allow-webhook", f"127.0.0.1:{receiver.port}"],
            cwd=tmp_path, env=env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    stack = Up(popen, tmp_path, out)
    try:
        yield stack, Terminal(tmp_path, env), receiver
    finally:
        if popen.poll() is None:
            os.killpg(popen.pid, signal.SIGINT)
            try:
                popen.wait(timeout=90)
            except subprocess.TimeoutExpired:
                os.killpg(popen.pid, signal.SIGKILL)
        server.shutdown()
        server.server_close()


def wait_for(check: Callable[[], object], what: str, up: Up, deadline_s: float = 180.0) -> Any:
    return eventually_blocking(
        check,
        what=what,
        timeout=deadline_s,
        interval=0.5,
        alive=up.assert_running,
        detail=up.output,
    )


def no_raw(text: str, where: str) -> None:
    for char in RAW:
        assert char not in text, f"{char!r} reached `{where}` raw:\n{text!r}"
    assert "\\x1b[2J" in text, f"the hostile alert is missing from `{where}`:\n{text}"


def test_a_new_user_needs_no_flags_and_nothing_hostile_gets_through(
    up: tuple[Up, Terminal, Receiver],
) -> None:
    stack, terminal, receiver = up
    wait_for(lambda: "demo follower subscribed" in stack.output(), "the stack ready", stack)
    assert stat_mode(stack.stack_file) == 0o600
    info = json.loads(stack.stack_file.read_text())

    # subscribe, with no flags: the key comes from the stack file.
    sub = terminal.run("subscribe", "--actor", "Russia",
                       "--webhook", f"http://127.0.0.1:{receiver.port}/hook")  # fmt: skip
    assert sub.returncode == 0, sub.stderr
    secret = re.search(r"^secret (\S+)$", sub.stdout, re.M)
    assert secret, sub.stdout

    # The five forms that once reached the stack's own Redis and SSH: refused with a reason.
    for url in ATTACKS:
        refused = terminal.run("subscribe", "--actor", "Russia", "--webhook", url)
        assert refused.returncode == 1, f"{url} was accepted: {refused.stdout}"
        assert "HTTP 422" in refused.stderr and "is loopback" in refused.stderr, refused.stderr

    # replay, with no flags: the broker, its topic and its lack of idempotence from the file.
    replayed = terminal.run("replay", "seeds/", "--no-progress")
    assert replayed.returncode == 0, replayed.stdout + replayed.stderr
    assert "from the stack of `claimwatch up`" in replayed.stderr
    assert re.search(r"published 1[01], rejected 0", replayed.stdout), replayed.stdout

    wait_for(lambda: receiver.got, "a webhook on the allowed receiver", stack)
    body, headers = receiver.got[0]
    Webhook(secret.group(1)).verify(body, headers)  # raises unless the signature is valid
    assert json.loads(body)["data"]["alert"]["actor"] == "Russia"

    # An article whose text holds ESC, OSC, BEL and U+202E: through ingest, with the key.
    key = {"X-API-Key": info["api_key"]}
    hostile = {"id": "hostile-1", "title": "Troop report", "text": HOSTILE_TEXT,
               "source": "Test Wire", "published_at": "2026-12-07T08:00:00Z"}  # fmt: skip
    posted = httpx.post(f"{info['ingest_url']}/articles", json=hostile, headers=key, timeout=10)
    assert posted.status_code == 202, posted.text
    wait_for(lambda: "\\x1b[2J" in stack.output(), "the hostile alert in the up feed", stack)
    no_raw(stack.output(), "up")
    listed = terminal.run("alerts", "--limit", "200")
    assert listed.returncode == 0, listed.stderr
    no_raw(listed.stdout, "alerts")
    tailed = terminal.run("tail", "--last", "200", "--max-events", "1", "--actor", "Russia")
    assert tailed.returncode == 0, tailed.stderr
    assert tailed.stderr.startswith("connected to "), tailed.stderr
    stored = terminal.run("alerts", "--json", "--limit", "200").stdout.splitlines()
    count = str(len(stored))
    everything = terminal.run("tail", "--last", count, "--max-events", count)
    assert everything.returncode == 0, everything.stderr
    no_raw(everything.stdout, "tail")

    # Ingest's doors: no key, 401; text/plain (a cross-site simple request), 415.
    assert httpx.post(f"{info['ingest_url']}/articles", json=hostile, timeout=10).status_code == 401
    plain = httpx.post(f"{info['ingest_url']}/articles", content=json.dumps(hostile),
                       headers=key | {"content-type": "text/plain"}, timeout=10)  # fmt: skip
    assert plain.status_code == 415, plain.text

    # Not English: a counted outcome, visible in `claimwatch alerts --stats`.
    german = {"id": "de-1", "title": "Bericht", "text": GERMAN}
    refused = httpx.post(f"{info['ingest_url']}/articles", json=german, headers=key, timeout=10)
    assert refused.status_code == 422 and "de" in refused.json()["error"]
    stats = terminal.run("alerts", "--stats")
    assert stats.returncode == 0, stats.stderr
    assert re.search(r"unsupported_language\s+1$", stats.stdout, re.M), stats.stdout
    assert re.search(r"^  Russia\s+[1-9]", stats.stdout, re.M), stats.stdout

    # /docs of both services: every asset is served by the service itself.
    for base in (info["ingest_url"], info["alerts_url"]):
        page = httpx.get(f"{base}/docs", timeout=10).text
        assets = re.findall(r"""(?:src|href)=["']?([^"' >]+)""", page)
        assert assets and not [a for a in assets if "//" in a], assets

    os.killpg(stack.popen.pid, signal.SIGINT)
    assert stack.popen.wait(timeout=90) == 0, stack.output()
    assert not stack.stack_file.exists(), "the stack file outlived its stack"


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777

"""`claimwatch up` as a person runs it: the seed's alerts appear, Ctrl-C leaves nothing running."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from services.launcher.pidfiles import PidDir, PidRecord, is_running
from tests.support.polling import eventually_blocking

ROOT = Path(__file__).resolve().parents[2]
CLAIMWATCH = [sys.executable, "-m", "services.cli.main"]
SEED_ACTORS = {("Russia", "denial"), ("China", "denial")}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def process_groups() -> dict[int, int]:
    """pid -> process group of every live process, from /proc (zombies left out)."""
    groups = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            rest = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if rest[0] not in ("Z", "X"):
            groups[int(entry.name)] = int(rest[2])
    return groups


@dataclass
class Up:
    popen: subprocess.Popen[bytes]
    run_dir: Path
    out: Path
    alerts_url: str
    ingest_url: str

    def output(self) -> str:
        logs = "".join(
            f"\n--- {log.name} (last lines)\n" + "\n".join(log.read_text().splitlines()[-15:])
            for log in sorted((self.run_dir / "logs").glob("*.log"))
        )
        return self.out.read_text() + logs

    def assert_running(self) -> None:
        assert self.popen.poll() is None, f"claimwatch up exited early:\n{self.output()}"

    def records(self) -> list[PidRecord]:
        return PidDir(self.run_dir / "pids").records()


def start_up(tmp_path: Path, *extra: str) -> Up:
    run_dir = tmp_path / "run"
    out = tmp_path / "up.out"
    alerts_port, ingest_port = free_port(), free_port()
    argv = [*CLAIMWATCH, "up", "--run-dir", str(run_dir), "--no-colour"]
    argv += ["--ingest-port", str(ingest_port), "--alerts-port", str(alerts_port)]
    argv += ["--broker-port", str(free_port()), "--redis-port", str(free_port())]
    argv += ["--sources-port", str(free_port()), *extra]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWATCH_")}
    with out.open("wb") as sink:
        popen = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
        )
    return Up(
        popen, run_dir, out, f"http://127.0.0.1:{alerts_port}", f"http://127.0.0.1:{ingest_port}"
    )


def wait_for_seed_alerts(up: Up, deadline_s: float = 180.0) -> list[dict[str, object]]:
    def seed_alerts() -> list[dict[str, object]]:
        try:
            found: list[dict[str, object]] = httpx.get(
                f"{up.alerts_url}/alerts?limit=200", timeout=5
            ).json()
        except (httpx.HTTPError, ValueError):
            return []
        return found if {(a["actor"], a["type"]) for a in found} >= SEED_ACTORS else []

    found: list[dict[str, object]] = eventually_blocking(
        seed_alerts,
        what=f"alerts for {SEED_ACTORS}",
        timeout=deadline_s,
        interval=1.0,
        alive=up.assert_running,
        detail=up.output,
    )
    return found


def stop_and_check_nothing_left(up: Up, records: list[PidRecord], *, demo_ran: bool = True) -> None:
    os.killpg(up.popen.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
    try:
        code = up.popen.wait(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(up.popen.pid, signal.SIGKILL)
        pytest.fail(f"claimwatch up did not stop within 90 s of SIGINT:\n{up.output()}")
    assert code == 0, up.output()
    assert not [r for r in records if is_running(r)], up.output()
    groups = {r.pid for r in records}
    left = {pid: group for pid, group in process_groups().items() if group in groups}
    assert not left, f"processes left in the stack's groups: {left}"
    assert not list((up.run_dir / "pids").glob("*.pid"))
    output = up.out.read_text()
    assert "stopped: nothing left running" in output
    if not demo_ran:
        return
    # The demo follower (Russia, China, United States) got signed webhooks, all of them valid.
    assert re.search(r"webhooks: [1-9]\d* deliveries with a valid signature, 0 without", output)


@pytest.fixture
def cleanup() -> Iterator[list[Up]]:
    """Whatever a failing test leaves running is stopped here, by its recorded pids only."""
    started: list[Up] = []
    yield started
    for up in started:
        if up.popen.poll() is None:
            os.killpg(up.popen.pid, signal.SIGTERM)
            try:
                up.popen.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(up.popen.pid, signal.SIGKILL)
        for record in up.records():
            if is_running(record):
                os.killpg(record.pid, signal.SIGKILL)


def test_up_on_embedded_defaults_shows_seed_alerts_and_stops_cleanly(
    tmp_path: Path, cleanup: list[Up]
) -> None:
    # A pid file left by a launcher that was killed: stale, so it must not get in the way.
    stale = tmp_path / "run" / "pids"
    stale.mkdir(parents=True)
    (stale / "broker.pid").write_text("999999 12345\n")
    up = start_up(tmp_path)
    cleanup.append(up)
    alerts = wait_for_seed_alerts(up)
    assert all(a["source_count"] >= 1 for a in alerts)
    records = up.records()
    assert {r.name for r in records} == {
        "up",
        "broker",
        "redis",
        "alerts",
        "ingest",
        "worker",
        "sources",
    }
    # Every HTTP service serves its metrics.
    for url in (up.alerts_url, up.ingest_url):
        assert httpx.get(f"{url}/metrics", timeout=5).status_code == 200
    stop_and_check_nothing_left(up, records)


def test_up_on_real_kafka_and_redis_shares_them_under_a_namespace(
    tmp_path: Path, cleanup: list[Up], kafka_bootstrap: str, redis_url: str
) -> None:
    namespace = uuid.uuid4().hex[:10]
    up = start_up(
        tmp_path, "--kafka", kafka_bootstrap, "--redis-url", redis_url, "--namespace", namespace
    )
    cleanup.append(up)
    wait_for_seed_alerts(up)
    records = up.records()
    assert {r.name for r in records} == {"up", "alerts", "ingest", "worker", "sources"}
    stop_and_check_nothing_left(up, records)


def test_a_port_in_use_is_one_line_with_the_fix(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [
                *CLAIMWATCH,
                "up",
                "--run-dir",
                str(tmp_path),
                "--no-colour",
                "--ingest-port",
                str(port),
                "--alerts-port",
                str(free_port()),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    problem = [line for line in result.stdout.splitlines() if line.startswith("✗")]
    assert len(problem) == 1, result.stdout
    assert f"port {port} for ingest is already in use" in problem[0]
    assert "--ingest-port PORT" in problem[0]
    assert not list((tmp_path / "pids").glob("*.pid"))


def test_a_second_up_on_the_same_run_dir_is_refused_in_one_line(tmp_path: Path) -> None:
    PidDir(tmp_path / "pids").write("up", os.getpid())  # a live launcher (this test) owns it
    result = subprocess.run(
        [
            *CLAIMWATCH,
            "up",
            "--run-dir",
            str(tmp_path),
            "--no-colour",
            "--ingest-port",
            str(free_port()),
            "--alerts-port",
            str(free_port()),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert f"already running here (pid {os.getpid()})" in result.stdout
    assert (tmp_path / "pids" / "up.pid").exists()  # the other launcher's file is left alone


def test_ctrl_c_during_start_up_stops_what_was_started(tmp_path: Path, cleanup: list[Up]) -> None:
    up = start_up(tmp_path)
    cleanup.append(up)
    deadline = time.monotonic() + 60
    while not {"broker", "redis", "alerts"} <= {r.name for r in up.records()}:
        assert up.popen.poll() is None, up.output()
        assert time.monotonic() < deadline, f"the services did not start:\n{up.output()}"
        time.sleep(0.1)
    records = up.records()
    stop_and_check_nothing_left(up, records, demo_ran=False)
    assert "Dashboard:" not in up.out.read_text()  # it stopped before the demo began

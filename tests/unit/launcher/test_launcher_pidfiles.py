"""Pid files: parsing, telling our process from a reused pid, and stale files."""

from __future__ import annotations

import os
from pathlib import Path

from services.launcher.pidfiles import (
    PidDir,
    PidRecord,
    is_running,
    parse_record,
    parse_stat,
    start_ticks,
)

# Field 22 of /proc/<pid>/stat is the start time; the command name may hold ") (".
STAT = "4242 (odd ) (name) S 1 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 {ticks} 0 0\n"


def fake_proc(root: Path, pid: int, ticks: int, state: str = "S") -> None:
    (root / str(pid)).mkdir(parents=True)
    (root / str(pid) / "stat").write_text(STAT.format(ticks=ticks).replace(" S ", f" {state} ", 1))


def test_record_round_trips_and_junk_is_none() -> None:
    record = PidRecord("broker", 4242, 987)
    assert parse_record("broker", record.dump()) == record
    assert parse_record("broker", "") is None
    assert parse_record("broker", "4242") is None
    assert parse_record("broker", "abc 1") is None
    assert parse_record("broker", "1 5") is None  # never init


def test_stat_parsing_survives_parentheses_in_the_name() -> None:
    assert parse_stat(STAT.format(ticks=5555)) == ("S", 5555)


def test_a_reused_pid_is_not_our_process(tmp_path: Path) -> None:
    fake_proc(tmp_path, 4242, ticks=100)
    assert is_running(PidRecord("worker", 4242, 100), tmp_path)
    assert not is_running(PidRecord("worker", 4242, 99), tmp_path)  # same pid, other process
    assert not is_running(PidRecord("worker", 4343, 100), tmp_path)  # gone


def test_a_zombie_counts_as_gone(tmp_path: Path) -> None:
    fake_proc(tmp_path, 4242, ticks=100, state="Z")
    assert start_ticks(4242, tmp_path) is None


def test_pid_dir_splits_live_from_stale_and_drops_junk(tmp_path: Path) -> None:
    proc = tmp_path / "proc"
    fake_proc(proc, 4242, ticks=100)
    fake_proc(proc, 5353, ticks=200)
    pids = PidDir(tmp_path / "pids", proc)
    pids.write("broker", 4242)
    pids.write("redis", 5353)
    (proc / "5353" / "stat").unlink()  # redis died without its launcher noticing
    (tmp_path / "pids" / "ingest.pid").write_text("half a wri")
    live, stale = pids.split()
    assert [r.name for r in live] == ["broker"]
    assert [r.name for r in stale] == ["redis"]
    assert not (tmp_path / "pids" / "ingest.pid").exists()
    pids.remove("redis")
    assert [r.name for r in pids.records()] == ["broker"]


def test_this_process_is_found_running_by_its_real_record(tmp_path: Path) -> None:
    record = PidDir(tmp_path).write("up", os.getpid())
    assert record.start_ticks > 0
    assert is_running(record)

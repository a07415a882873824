"""Claiming the run dir: a live launcher is refused in one line, stale pid files are cleared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from services.launcher.errors import StartupError
from services.launcher.pidfiles import PidDir
from services.launcher.runs import claim, release

STAT = "{pid} (python) S 1 {pid} {pid} 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 {ticks} 0 0\n"


def fake_proc(root: Path, pid: int, ticks: int) -> None:
    (root / str(pid)).mkdir(parents=True)
    (root / str(pid) / "stat").write_text(STAT.format(pid=pid, ticks=ticks))


def test_a_live_launcher_keeps_the_run_dir(tmp_path: Path) -> None:
    proc = tmp_path / "proc"
    fake_proc(proc, 4242, ticks=100)
    pids = PidDir(tmp_path / "pids", proc)
    pids.write("up", 4242)
    with pytest.raises(StartupError) as caught:
        claim(pids, lambda line: None)
    assert "already running here (pid 4242)" in str(caught.value)
    assert "kill 4242" in str(caught.value)
    assert [r.pid for r in pids.records()] == [4242]


def test_stale_files_are_cleared_and_the_run_dir_taken(tmp_path: Path) -> None:
    proc = tmp_path / "proc"
    fake_proc(proc, 4242, ticks=100)
    fake_proc(proc, os.getpid(), ticks=555)
    pids = PidDir(tmp_path / "pids", proc)
    pids.write("up", 4242)
    pids.write("broker", 4242)
    (proc / "4242" / "stat").unlink()  # the killed launcher and its broker are gone
    said: list[str] = []
    claim(pids, said.append)
    assert [(r.name, r.pid, r.start_ticks) for r in pids.records()] == [("up", os.getpid(), 555)]
    assert said == []  # nothing was running, so nothing was stopped
    release(pids)
    assert pids.records() == []

"""Pid files under `.run/pids/`: what an earlier `claimwatch up` left, and is it still ours."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
LAUNCHER = "up"  # the pid file of the launcher itself


@dataclass(frozen=True)
class PidRecord:
    """A process we started: its pid and its start time in clock ticks since boot.

    The start time guards against pid reuse: a pid from a file written before a reboot
    (or long ago) may now belong to someone else's process, which must never be signalled.
    """

    name: str
    pid: int
    start_ticks: int

    def dump(self) -> str:
        return f"{self.pid} {self.start_ticks}\n"


def parse_record(name: str, text: str) -> PidRecord | None:
    """A pid file's content as a record; None for anything malformed (a stale half-write)."""
    parts = text.split()
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    pid, ticks = int(parts[0]), int(parts[1])
    return PidRecord(name, pid, ticks) if pid > 1 else None


def parse_stat(stat: str) -> tuple[str, int]:
    """(state, start time in ticks) from the text of /proc/<pid>/stat."""
    # The command name (field 2) is in parentheses and may itself hold spaces and ')'.
    rest = stat.rsplit(")", 1)[1].split()
    return rest[0], int(rest[19])


def start_ticks(pid: int, proc: Path = PROC) -> int | None:
    """The start time of a live process, or None when it is gone or a zombie."""
    try:
        state, ticks = parse_stat((proc / str(pid) / "stat").read_text())
    except (OSError, IndexError, ValueError):
        return None
    return None if state in ("Z", "X") else ticks


def is_running(record: PidRecord, proc: Path = PROC) -> bool:
    """Whether the very process the record names is still running."""
    return start_ticks(record.pid, proc) == record.start_ticks


class PidDir:
    """A folder of `<name>.pid` files, one per process of one `claimwatch up`."""

    def __init__(self, path: Path, proc: Path = PROC) -> None:
        self.path = path
        self.proc = proc

    def write(self, name: str, pid: int) -> PidRecord:
        ticks = start_ticks(pid, self.proc)
        record = PidRecord(name, pid, ticks if ticks is not None else 0)
        self.path.mkdir(parents=True, exist_ok=True)
        tmp = self.path / f".{name}.pid.tmp"
        tmp.write_text(record.dump())
        os.replace(tmp, self.path / f"{name}.pid")  # atomic: a reader never sees half a file
        return record

    def records(self) -> list[PidRecord]:
        found = []
        for file in sorted(self.path.glob("*.pid")):
            try:
                record = parse_record(file.stem, file.read_text())
            except OSError:
                continue
            if record is None:
                file.unlink(missing_ok=True)
            else:
                found.append(record)
        return found

    def remove(self, name: str) -> None:
        (self.path / f"{name}.pid").unlink(missing_ok=True)

    def split(self) -> tuple[list[PidRecord], list[PidRecord]]:
        """(records whose process still runs, stale records) among the files present."""
        live: list[PidRecord] = []
        stale: list[PidRecord] = []
        for record in self.records():
            (live if is_running(record, self.proc) else stale).append(record)
        return live, stale

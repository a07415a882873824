"""What /proc says about the processes under test: CPU time used, peak memory, machine load."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


def peak_rss_mb(pid: int, proc: Path = PROC) -> float | None:
    """A live process's peak resident memory (VmHWM), in MB; None once it is gone."""
    try:
        status = (proc / str(pid) / "status").read_text()
    except OSError:
        return None
    return vm_hwm_mb(status)


def vm_hwm_mb(status: str) -> float | None:
    """VmHWM from the text of /proc/<pid>/status (the kernel gives kB), in MB."""
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def cpu_ticks(stat: str) -> int:
    """User plus system CPU time, in clock ticks, from the text of /proc/<pid>/stat."""
    # The command name (field 2) is in parentheses and may hold spaces: split after it.
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)


def cpu_seconds(pid: int, proc: Path = PROC) -> float | None:
    """CPU time a live process has used so far; None once it is gone."""
    try:
        return cpu_ticks((proc / str(pid) / "stat").read_text()) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return None


def machine_ticks(stat: str) -> tuple[int, int]:
    """(busy, total) clock ticks of all CPUs together, from the text of /proc/stat."""
    values = [int(v) for v in stat.splitlines()[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    total = sum(values[:8])  # guest time is already counted in user time
    return total - idle, total


def pid_in(path: Path) -> int | None:
    """The pid a pid file names (deploy/kafka.sh and redis.sh write them), if it is readable."""
    try:
        text = path.read_text().split()
    except OSError:
        return None
    return int(text[0]) if text and text[0].isdigit() else None


@dataclass(frozen=True)
class CpuUse:
    """CPU seconds each named process used over an interval, and how busy the machine was."""

    seconds: dict[str, float]
    machine_busy: float  # share of all CPUs' time that anyone (us or others) used
    cpus: int

    def ours(self, wall: float) -> float:
        """Share of all CPUs' time that the named processes used over `wall` seconds."""
        return sum(self.seconds.values()) / (wall * self.cpus) if wall > 0 else 0.0


class CpuMeter:
    """Reads the CPU time of named processes (and of the whole machine) at start and at stop."""

    def __init__(self, pids: Mapping[str, int], proc: Path = PROC) -> None:
        self._pids = dict(pids)
        self._proc = proc
        self._start = self._read()

    def _read(self) -> tuple[dict[str, float], tuple[int, int]]:
        times = {name: cpu_seconds(pid, self._proc) for name, pid in self._pids.items()}
        machine = machine_ticks((self._proc / "stat").read_text())
        return {n: t for n, t in times.items() if t is not None}, machine

    def stop(self) -> CpuUse:
        times, (busy, total) = self._read()
        before, (busy0, total0) = self._start
        used = {n: times[n] - before[n] for n in times if n in before}
        share = (busy - busy0) / (total - total0) if total > total0 else 0.0
        return CpuUse(used, share, os.cpu_count() or 1)

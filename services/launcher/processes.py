"""Child processes, each in its own process group with its log file, and how they are stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GRACE_SECONDS = 10.0


@dataclass(frozen=True)
class ProcessSpec:
    """What to run: a name (for logs and pid files), its argv and its environment."""

    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    cwd: Path | None = None


@dataclass
class Managed:
    spec: ProcessSpec
    popen: subprocess.Popen[bytes]
    log_path: Path

    @property
    def pid(self) -> int:
        return self.popen.pid

    def exited(self) -> int | None:
        return self.popen.poll()

    def log_tail(self, lines: int = 5) -> str:
        return tail_lines(self.log_path, lines)


def start(spec: ProcessSpec, log_dir: Path) -> Managed:
    """Start `spec` in a new session (its own process group), output to `<log_dir>/<name>.log`."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{spec.name}.log"
    with log_path.open("ab") as log:
        # The child holds its own copy of the descriptor; ours is closed on leaving the block.
        popen = subprocess.Popen(
            spec.argv,
            env=spec.env,
            cwd=spec.cwd,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            # A new session: Ctrl-C in the terminal reaches only the launcher, which then
            # stops the children in order, and a whole group can be signalled at once.
            start_new_session=True,
        )
    return Managed(spec, popen, log_path)


def group_alive(pgid: int) -> bool:
    """Whether any process of the group still exists."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def signal_group(pgid: int, sig: signal.Signals) -> bool:
    """Send `sig` to a whole group; False when the group is already gone."""
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        return False
    return True


def stop_group(
    pgid: int,
    *,
    grace: float = GRACE_SECONDS,
    reap: Callable[[], object] = lambda: None,
    alive: Callable[[int], bool] = group_alive,
    send: Callable[[int, signal.Signals], bool] = signal_group,
    clock: Callable[[], float] = time.monotonic,
    pause: Callable[[float], None] = time.sleep,
) -> str:
    """SIGTERM the group, wait up to `grace` seconds, then SIGKILL; says which it took.

    `reap` collects the exit status of our direct child so that it is not left a zombie
    (a zombie still counts as a member of the group).
    """
    if not send(pgid, signal.SIGTERM):
        reap()
        return "gone"
    deadline = clock() + grace
    while clock() < deadline:
        reap()
        if not alive(pgid):
            return "terminated"
        pause(0.05)
    send(pgid, signal.SIGKILL)
    for _ in range(100):
        reap()
        if not alive(pgid):
            break
        pause(0.05)
    return "killed"


def stop(managed: Managed, grace: float = GRACE_SECONDS) -> str:
    return stop_group(managed.pid, grace=grace, reap=managed.popen.poll)


def tail_lines(path: Path, lines: int) -> str:
    """The last `lines` lines of a log file, for a one-look diagnosis."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 8192))
            data = handle.read().decode("utf-8", "replace")
    except OSError:
        return ""
    return "\n".join(data.splitlines()[-lines:])

"""One run dir, one launcher: refuse a second live `claimwatch up`, clear what a killed one left."""

from __future__ import annotations

import os
from collections.abc import Callable

from services.launcher import pidfiles, processes
from services.launcher.errors import StartupError

# Leftovers are stopped like a normal shutdown: services first, the broker last.
STOP_ORDER = {"worker": 0, "ingest": 1, "alerts": 2, "redis": 3, "broker": 4}


def claim(pids: pidfiles.PidDir, say: Callable[[str], None]) -> None:
    """Take the run dir for this process, or raise if another live launcher holds it."""
    live, stale = pids.split()
    for record in stale:
        pids.remove(record.name)
    for record in live:
        if record.name == pidfiles.LAUNCHER:
            raise StartupError(
                f"claimwatch up is already running here (pid {record.pid})",
                f"stop it with Ctrl-C in its terminal, or `kill {record.pid}`",
            )
    for record in sorted(live, key=lambda r: STOP_ORDER.get(r.name, 0)):
        outcome = processes.stop_group(record.pid, grace=5.0)
        pids.remove(record.name)
        say(f"· stopped {record.name} (pid {record.pid}) left by an earlier run: {outcome}")
    pids.write(pidfiles.LAUNCHER, os.getpid())


def release(pids: pidfiles.PidDir) -> None:
    pids.remove(pidfiles.LAUNCHER)

"""Stopping a process group: SIGTERM, a grace period, then SIGKILL (with a fake clock)."""

from __future__ import annotations

import signal
from pathlib import Path

from services.launcher.processes import stop_group, tail_lines


class FakeGroup:
    def __init__(self, dies_on: signal.Signals | None, after: int = 0) -> None:
        self.sent: list[signal.Signals] = []
        self.dies_on = dies_on
        self.after = after  # polls before it is gone
        self.exists = True
        self.now = 0.0
        self.reaped = 0

    def send(self, pgid: int, sig: signal.Signals) -> bool:
        if not self.exists:
            return False
        self.sent.append(sig)
        return True

    def alive(self, pgid: int) -> bool:
        if self.dies_on in self.sent or signal.SIGKILL in self.sent:
            if self.after == 0:
                self.exists = False
            self.after -= 1
        return self.exists

    def pause(self, seconds: float) -> None:
        self.now += seconds

    def stop(self, grace: float = 10.0) -> str:
        return stop_group(
            77,
            grace=grace,
            reap=lambda: setattr(self, "reaped", self.reaped + 1),
            alive=self.alive,
            send=self.send,
            clock=lambda: self.now,
            pause=self.pause,
        )


def test_a_group_that_honours_sigterm_is_not_killed() -> None:
    group = FakeGroup(dies_on=signal.SIGTERM, after=3)
    assert group.stop() == "terminated"
    assert group.sent == [signal.SIGTERM]
    assert group.reaped >= 1
    assert group.now < 1.0


def test_a_group_that_ignores_sigterm_is_killed_after_the_grace_period() -> None:
    group = FakeGroup(dies_on=None)
    assert group.stop(grace=5.0) == "killed"
    assert group.sent == [signal.SIGTERM, signal.SIGKILL]
    assert group.now >= 5.0
    assert not group.exists


def test_a_group_already_gone_is_reported_so() -> None:
    group = FakeGroup(dies_on=None)
    group.exists = False
    assert group.stop() == "gone"
    assert group.sent == []


def test_log_tail_gives_the_last_lines(tmp_path: Path) -> None:
    log = tmp_path / "x.log"
    log.write_text("".join(f"line {i}\n" for i in range(100)))
    assert tail_lines(log, 2) == "line 98\nline 99"
    assert tail_lines(tmp_path / "missing.log", 2) == ""

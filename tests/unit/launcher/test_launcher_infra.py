"""Finding redis-server: used when present, installed only as root, else one line with the fix."""

from __future__ import annotations

import pytest

from services.launcher import infra
from services.launcher.errors import StartupError


def test_an_installed_redis_is_used_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(infra.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert infra.redis_binary() == ("/usr/bin/redis-server", False)


def test_no_redis_and_not_root_is_one_line_with_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(infra.shutil, "which", lambda name: None)
    monkeypatch.setattr(infra.os, "geteuid", lambda: 1000)
    with pytest.raises(StartupError) as caught:
        infra.redis_binary()
    message = str(caught.value)
    assert "\n" not in message
    assert "redis-server is not installed" in message
    assert "apt-get install redis-server" in message
    assert "CLAIMWATCH_REDIS__URL" in message


def test_a_failed_install_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    class Done:
        returncode = 100

    def run(argv: list[str], **_: object) -> Done:
        calls.append(argv)
        return Done()

    monkeypatch.setattr(
        infra.shutil, "which", lambda name: "/usr/bin/apt-get" if name == "apt-get" else None
    )
    monkeypatch.setattr(infra.os, "geteuid", lambda: 0)
    monkeypatch.setattr(infra.subprocess, "run", run)
    told: list[bool] = []
    with pytest.raises(StartupError, match="installing redis-server with apt-get failed"):
        infra.redis_binary(notify=lambda: told.append(True))
    assert told == [True]
    # One install, then the package lists are refreshed and the install tried once more.
    assert [argv[:2] for argv in calls] == [
        ["apt-get", "install"],
        ["apt-get", "update"],
        ["apt-get", "install"],
    ]

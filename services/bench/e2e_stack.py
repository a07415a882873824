"""The services under test, started and stopped with the launcher of `claimwatch up`.

Kafka and Redis are given (deploy/with-stack.sh starts real ones); this starts ingest, alerts and
one or more workers as separate processes under a fresh namespace (topics, groups, Redis keys),
exactly as `claimwatch up` would against an external broker, and stops every one of them.
"""

from __future__ import annotations

import secrets
import shutil
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from services.launcher import ports
from services.launcher.plan import StackConfig, service_specs
from services.launcher.processes import ProcessSpec
from services.launcher.stack import Options, Stack

ROOT = Path(__file__).resolve().parents[2]  # the project folder: services run from there


def bench_config(bootstrap: str, redis_url: str, run_dir: Path, namespace: str) -> StackConfig:
    host = ports.LOOPBACK
    return StackConfig(
        root=ROOT,
        run_dir=run_dir,
        python=sys.executable,
        host=host,
        ingest_port=ports.free_port(host),
        alerts_port=ports.free_port(host),
        bootstrap=bootstrap,
        embedded_broker_port=None,
        redis_url=redis_url,
        embedded_redis_port=None,
        api_key=secrets.token_urlsafe(24),
        namespace=namespace,
        # The latency receiver's port: the alert service allows webhooks to it and no other.
        demo_receiver_port=ports.free_port(host),
    )


def extra_worker(config: StackConfig, base_env: Mapping[str, str], number: int) -> ProcessSpec:
    """Worker number `number` (2, 3...): the same app id, hence the same consumer group."""
    spec = next(s for s in service_specs(config, base_env) if s.name == "worker")
    env = dict(spec.env)
    env["CLAIMWATCH_FAUST__DATADIR"] = str(config.run_dir / f"worker-{number}")
    return ProcessSpec(f"worker-{number}", spec.argv, env, spec.cwd)


@contextmanager
def running_stack(
    bootstrap: str,
    redis_url: str,
    *,
    workers: int,
    base_env: Mapping[str, str],
    stop: threading.Event,
    out: TextIO,
) -> Iterator[Stack]:
    """Alerts, ingest and `workers` stream workers, ready; all stopped on leaving, whatever happens.

    Raises services.launcher.errors.StartupError when a service does not come up.
    """
    namespace = f"bench-{uuid.uuid4().hex[:8]}-w{workers}"
    run_dir = Path(tempfile.mkdtemp(prefix="claimwatch-bench-"))
    config = bench_config(bootstrap, redis_url, run_dir, namespace)
    stack = Stack(config, Options(seeds=ROOT / "seeds", replay=False), out, stop)
    try:
        stack.claim_run_dir()
        stack.check_ports()
        stack.start_broker(base_env)  # external: checks it and creates the topics
        stack.start_redis()  # external: checks it answers
        stack.start_services(base_env)
        for number in range(2, workers + 1):
            stack.launch(extra_worker(config, base_env, number))
        yield stack
    except BaseException:
        out.write(f"bench e2e: service logs kept in {config.log_dir}\n")
        raise
    finally:
        stack.shutdown()
    shutil.rmtree(run_dir, ignore_errors=True)

"""The stack file: written 0600, read back only while its `up` lives; how the CLI uses it."""

from __future__ import annotations

import argparse
import os
import stat
import subprocess
import sys
from pathlib import Path

from pydantic import SecretStr

from services.cli.alerts_client import DEFAULT_API, endpoint
from services.launcher import stackfile
from services.launcher.pidfiles import start_ticks


def info(pid: int | None = None, **changes: object) -> stackfile.StackInfo:
    pid = pid or os.getpid()
    values: dict[str, object] = {
        "pid": pid, "start_ticks": start_ticks(pid) or 0,
        "ingest_url": "http://127.0.0.1:18000", "alerts_url": "http://127.0.0.1:18001",
        "api_key": SecretStr("stack-key"), "bootstrap_servers": "127.0.0.1:19092",
        "idempotent_producer": False, "articles_topic": "articles-ns",
    }  # fmt: skip
    return stackfile.StackInfo(**(values | changes))  # type: ignore[arg-type]


def test_written_with_mode_0600_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / ".run" / stackfile.FILE_NAME
    stackfile.write(path, info())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    found = stackfile.read(path)
    assert found is not None and found.api_key.get_secret_value() == "stack-key"
    assert "stack-key" not in repr(found)  # a secret in a log line shows as stars


def test_a_file_whose_up_is_gone_is_ignored(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    gone = int(done.stdout)
    path = tmp_path / stackfile.FILE_NAME
    stackfile.write(path, info(pid=gone, start_ticks=12345))
    assert stackfile.read(path) is None
    path.write_text("{not json")
    assert stackfile.read(path) is None


def test_found_in_the_folder_or_above_or_where_the_variable_says(tmp_path: Path) -> None:
    stackfile.write(tmp_path / ".run" / stackfile.FILE_NAME, info())
    deeper = tmp_path / "a" / "b"
    deeper.mkdir(parents=True)
    assert stackfile.find(deeper, env={}) is not None
    elsewhere = tmp_path / "other.json"
    stackfile.write(elsewhere, info(alerts_url="http://127.0.0.1:29001"))
    found = stackfile.find(tmp_path / "nowhere", env={stackfile.ENV_FILE: str(elsewhere)})
    assert found is not None and found.alerts_url == "http://127.0.0.1:29001"
    assert stackfile.find(tmp_path.parent / "no-stack-here-xyz", env={}) is None


def args(api: str | None = None, api_key: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(api=api, api_key=api_key)


def test_the_cli_uses_the_stack_when_no_flag_or_variable_says_otherwise() -> None:
    stack = info()
    plain = endpoint(args(), env={}, stack=stack)
    assert (plain.url, plain.key) == ("http://127.0.0.1:18001", "stack-key")
    by_variable = endpoint(args(), env={"CLAIMWATCH_API_KEY": "env-key"}, stack=stack)
    assert by_variable.key == "env-key"
    by_flag = endpoint(args(api_key="flag-key"), env={"CLAIMWATCH_API_KEY": "e"}, stack=stack)
    assert by_flag.key == "flag-key"
    assert endpoint(args(), env={}, stack=None) == endpoint(args(), env={}, stack=None)
    assert endpoint(args(), env={}, stack=None).url == DEFAULT_API


def test_the_stack_key_never_follows_api_to_another_server() -> None:
    elsewhere = endpoint(args(api="https://alerts.example.org"), env={}, stack=info())
    assert elsewhere.url == "https://alerts.example.org" and elsewhere.key is None


def test_up_describes_its_broker_topic_and_key(tmp_path: Path) -> None:
    from services.launcher.plan import StackConfig

    embedded = StackConfig(
        root=tmp_path, run_dir=tmp_path, python="python", host="127.0.0.1", ingest_port=18000,
        alerts_port=18001, bootstrap="127.0.0.1:19092", embedded_broker_port=19092,
        redis_url="redis://127.0.0.1:16379/0", embedded_redis_port=16379, api_key="k" * 32,
        namespace="ns1",
    )  # fmt: skip
    described = stackfile.describe(embedded, os.getpid())
    assert described.is_live()
    assert (described.ingest_url, described.alerts_url) == (
        "http://127.0.0.1:18000", "http://127.0.0.1:18001",
    )  # fmt: skip
    assert described.idempotent_producer is False  # Tansu: no InitProducerId
    assert described.articles_topic == "articles-ns1"
    assert described.api_key.get_secret_value() == "k" * 32
    external = stackfile.describe(
        StackConfig(**(embedded.__dict__ | {"embedded_broker_port": None})), os.getpid()
    )
    assert external.idempotent_producer is True


def test_feeds_find_the_stacks_sources_service_and_key(tmp_path: Path) -> None:
    from services.cli.feeds import DEFAULT_SOURCES, _sources_url
    from services.launcher.plan import StackConfig

    config = StackConfig(
        root=tmp_path, run_dir=tmp_path, python="python", host="127.0.0.1", ingest_port=18000,
        alerts_port=18001, bootstrap="127.0.0.1:19092", embedded_broker_port=19092,
        redis_url="redis://127.0.0.1:16379/0", embedded_redis_port=16379, api_key="k" * 32,
        sources_port=18002,
    )  # fmt: skip
    stack = stackfile.describe(config, os.getpid())
    assert stack.sources_url == "http://127.0.0.1:18002"
    feeds = endpoint(args(), env={}, stack=stack, service=_sources_url, default=DEFAULT_SOURCES)
    assert (feeds.url, feeds.key) == ("http://127.0.0.1:18002", "k" * 32)
    # The alert service's URL given as --api for feeds is not the sources service: no key.
    wrong = endpoint(args(api="http://127.0.0.1:18001"), env={}, stack=stack,
                     service=_sources_url, default=DEFAULT_SOURCES)  # fmt: skip
    assert wrong.key is None
    # A stack without a sources service (or an older file): the default, and no stack key.
    bare = info()
    assert bare.sources_url is None
    none = endpoint(args(), env={}, stack=bare, service=_sources_url, default=DEFAULT_SOURCES)
    assert (none.url, none.key) == (DEFAULT_SOURCES, None)
    without = StackConfig(**(config.__dict__ | {"sources_port": 0}))
    assert stackfile.describe(without, os.getpid()).sources_url is None

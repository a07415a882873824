"""The stand-in images of compose-test keep the contracts docker-compose.yml relies on."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
STANDINS = ROOT / "deploy" / "compose"
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
HA_ENV = dict(
    line.split("=", 1)
    for line in (ROOT / "deploy" / "ha.env").read_text().splitlines()
    if line and not line.startswith("#")
)
VARIABLE = re.compile(r"\$\{(\w+):-([^}]*)\}")


def properties(service: str, outer: dict[str, str]) -> dict[str, str]:
    """server.properties the stand-in's entrypoint writes for a broker of the compose file."""
    env = {
        key: VARIABLE.sub(lambda m: outer.get(m.group(1), m.group(2)), str(value))
        for key, value in COMPOSE["services"][service]["environment"].items()
    }
    env |= {"PATH": "/usr/bin:/bin", "KAFKA_HEAP_OPTS": "-Xmx1G", "KAFKA_OPTS": "-Dx=y"}
    done = subprocess.run(
        ["bash", str(STANDINS / "kafka-run.sh"), "--print-properties"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return dict(line.split("=", 1) for line in done.stdout.splitlines())


def test_the_entrypoint_turns_kafka_variables_into_server_properties() -> None:
    props = properties("kafka", {})
    assert props["node.id"] == "1"
    assert props["process.roles"] == "broker,controller"
    assert props["controller.quorum.voters"] == "1@kafka:9093"
    assert props["listener.security.protocol.map"] == "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"
    assert props["offsets.topic.replication.factor"] == "1"
    assert "heap.opts" not in props and "opts" not in props  # JVM options are not properties
    assert "cluster.id" not in props  # CLUSTER_ID is the storage format's, not a KAFKA_ one


@pytest.mark.parametrize("broker", ["kafka", "kafka-2", "kafka-3"])
def test_in_the_ha_profile_each_broker_is_one_of_three(broker: str) -> None:
    props = properties(broker, HA_ENV)
    assert props["controller.quorum.voters"] == "1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093"
    assert props["advertised.listeners"] == f"PLAINTEXT://{broker}:9092"
    assert props["default.replication.factor"] == "3"
    assert props["min.insync.replicas"] == "2"


def test_every_kafka_script_compose_calls_is_in_the_stand_in() -> None:
    tool = (STANDINS / "kafka-tool.sh").read_text()
    linked = (STANDINS / "kafka.Dockerfile").read_text()
    probe = " ".join(COMPOSE["services"]["kafka"]["healthcheck"]["test"])
    scripts = re.findall(r"/opt/kafka/bin/([\w-]+)\.sh", probe)
    assert scripts == ["kafka-broker-api-versions"]
    for script in [*scripts, "kafka-consumer-groups", "kafka-topics", "kafka-console-consumer"]:
        assert f"{script}.sh)" in tool, f"kafka-tool.sh runs no {script}.sh"
        assert script in linked, f"kafka.Dockerfile links no {script}.sh"


def test_no_mirror_or_registry_host_is_written_into_the_scripts() -> None:
    for path in STANDINS.iterdir():
        text = path.read_text()
        # (an XML namespace is a name, not a host anything connects to)
        assert not re.search(r'(?<!xmlns=")https?://[a-z0-9.-]+\.[a-z]', text), path.name

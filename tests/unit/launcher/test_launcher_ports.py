"""Address parsing and the one-line message for a taken port."""

from __future__ import annotations

import pytest

from services.launcher.errors import StartupError
from services.launcher.ports import check_free, parse_bootstrap, parse_hostport, taken_ports


def test_host_and_port_are_split() -> None:
    assert parse_hostport("127.0.0.1:9092", 1) == ("127.0.0.1", 9092)
    assert parse_hostport("kafka", 9092) == ("kafka", 9092)
    assert parse_hostport("[::1]:19092", 1) == ("::1", 19092)


@pytest.mark.parametrize("bad", ["host:port", "host:0", "host:70000", ":9092"])
def test_bad_addresses_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_hostport(bad, 9092)


def test_bootstrap_list_takes_every_broker() -> None:
    assert parse_bootstrap("a:1, b ,c:3") == [("a", 1), ("b", 9092), ("c", 3)]
    with pytest.raises(ValueError):
        parse_bootstrap(" , ")


def test_taken_ports_are_reported_by_name() -> None:
    taken = taken_ports({"ingest": 8000, "alerts": 8001}, in_use=lambda port: port == 8001)
    assert taken == {"alerts": 8001}


def test_a_taken_port_is_one_line_with_the_fix() -> None:
    wanted = {"ingest": (8000, "--ingest-port"), "alerts": (8001, "--alerts-port")}
    with pytest.raises(StartupError) as caught:
        check_free(wanted, in_use=lambda port: port == 8000)
    message = str(caught.value)
    assert "\n" not in message
    assert "port 8000 for ingest is already in use" in message
    assert "--ingest-port PORT" in message


def test_a_taken_redis_port_suggests_using_that_redis() -> None:
    with pytest.raises(StartupError) as caught:
        check_free({"Redis": (6379, "--redis-port")}, in_use=lambda port: True)
    assert "CLAIMWATCH_REDIS__URL=redis://127.0.0.1:6379/0" in str(caught.value)


def test_free_ports_pass() -> None:
    check_free({"ingest": (8000, "--ingest-port")}, in_use=lambda port: False)

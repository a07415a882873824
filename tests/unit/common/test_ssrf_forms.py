"""SSRF, tight: numeric spellings of addresses are normalised, and loopback is allowed by port.

The five forms below reached the stack's own Redis and SSH when `up` allow-listed 127.0.0.1
on every port. Each is refused by default and under the allow-list `up` really builds.
"""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path

import pytest

from services.alerts.settings import Settings
from services.common.address_forms import numeric_host
from services.common.ssrf import AllowList, BlockedAddress, check_url, system_resolver
from services.launcher.plan import StackConfig, service_specs

RECEIVER_PORT = 41234
ATTACKS = [
    "http://127.0.0.1:6379/",  # the stack's own Redis
    "http://localhost:22",  # SSH, by name
    "http://2130706433/",  # 127.0.0.1 as one decimal number
    "http://0x7f000001/",  # ... as one hex number
    "http://127.1/",  # ... short form
    "http://0177.0.0.1/",  # ... octal first part
    "http://[::ffff:127.0.0.1]:6379/",  # IPv4-mapped IPv6
    "http://[::ffff:7f00:1]/",  # ... in hex groups
    f"http://0x7f.1:{RECEIVER_PORT + 1}/",  # the receiver's neighbour port, hex short form
]


def up_allow_list() -> AllowList:
    """The allow-list of the alert service exactly as `claimwatch up` configures it."""
    config = StackConfig(
        root=Path("/project"), run_dir=Path("/r"),
        python="python", host="127.0.0.1", ingest_port=8000, alerts_port=8001,
        bootstrap="127.0.0.1:9092", embedded_broker_port=9092,
        redis_url="redis://127.0.0.1:6379/0", embedded_redis_port=6379, api_key="k" * 32,
        demo_receiver_port=RECEIVER_PORT,
    )  # fmt: skip
    env = next(s for s in service_specs(config, {}) if s.name == "alerts").env
    raw = json.loads(env["CLAIMWATCH_DELIVERY__ALLOW_HOSTS"])
    settings = Settings(api_key="k", delivery={"allow_hosts": raw})
    return AllowList.parse(settings.delivery.allow_hosts)


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0X7F000001", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("127.0.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.0.0.1", "127.0.0.1"),
        ("10.1", "10.0.0.1"),
        ("0", "0.0.0.0"),
        ("127.0.0.1.", "127.0.0.1"),
        ("::ffff:127.0.0.1", "127.0.0.1"),
        ("[::ffff:7f00:1]", "127.0.0.1"),
        ("::1", "::1"),
    ],
)
def test_numeric_forms_are_read_as_the_resolver_reads_them(host: str, address: str) -> None:
    assert numeric_host(host) == ipaddress.ip_address(address)


@pytest.mark.parametrize("host", ["hooks.example.org", "256.1.1.1", "1.2.3.4.5", "08.0.0.1", ""])
def test_names_and_impossible_numbers_are_not_addresses(host: str) -> None:
    assert numeric_host(host) is None


@pytest.mark.parametrize("url", ATTACKS)
async def test_each_form_is_refused_by_default(url: str) -> None:
    with pytest.raises(BlockedAddress):
        await check_url(url, allow=AllowList.parse([]), resolve=system_resolver)


@pytest.mark.parametrize("url", ATTACKS)
async def test_each_form_is_refused_under_up(url: str) -> None:
    with pytest.raises(BlockedAddress):
        await check_url(url, allow=up_allow_list(), resolve=system_resolver)


@pytest.mark.parametrize(
    "url",
    [
        f"http://127.0.0.1:{RECEIVER_PORT}/hooks/demo-0",
        # The same socket spelled otherwise: allowed, since it is the very same destination.
        f"http://2130706433:{RECEIVER_PORT}/hooks/demo-0",
        f"http://[::ffff:127.0.0.1]:{RECEIVER_PORT}/hooks/demo-0",
    ],
)
async def test_under_up_the_demo_receiver_itself_is_reached(url: str) -> None:
    target = await check_url(url, allow=up_allow_list(), resolve=system_resolver)
    assert (target.ip, target.port) == ("127.0.0.1", RECEIVER_PORT)


async def test_a_host_port_entry_allows_that_port_only() -> None:
    allow = AllowList.parse(["127.0.0.1:9000", "[::1]:9001", "hooks.internal:8080"])
    assert (await check_url("http://127.0.0.1:9000/h", allow=allow)).port == 9000
    assert (await check_url("http://[::1]:9001/h", allow=allow)).port == 9001
    for url in ["http://127.0.0.1:9001/h", "http://127.0.0.1/h", "http://[::1]:9000/h"]:
        with pytest.raises(BlockedAddress):
            await check_url(url, allow=allow)

    async def internal(host: str, port: int) -> list[str]:
        return ["10.0.0.7"]

    assert (await check_url("http://hooks.internal:8080/", allow=allow, resolve=internal)).port
    with pytest.raises(BlockedAddress):
        await check_url("http://hooks.internal:8081/", allow=allow, resolve=internal)


async def test_a_bare_host_or_network_still_allows_every_port() -> None:
    allow = AllowList.parse(["127.0.0.1", "10.0.0.0/8"])
    assert (await check_url("http://127.1:6379/", allow=allow)).ip == "127.0.0.1"
    assert (await check_url("http://10.1.2.3:22/", allow=allow)).port == 22


def test_a_bad_entry_fails_at_start_up() -> None:
    with pytest.raises(ValueError, match="port out of range"):
        Settings(api_key="k", delivery={"allow_hosts": ["127.0.0.1:70000"]})

"""SSRF guard: non-global addresses are refused unless allow-listed; names are resolved first."""

from __future__ import annotations

import pytest

from services.common.ssrf import AllowList, BlockedAddress, check_url

NOBODY = AllowList.parse([])


def resolver(table: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    async def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError("name not known")
        return table[host]

    return resolve


DNS = resolver(
    {
        "hooks.example.org": ["93.184.216.34"],
        "sneaky.example.org": ["127.0.0.1"],
        "split.example.org": ["93.184.216.34", "10.1.2.3"],
        "v6.example.org": ["2606:4700:4700::1111"],
    }
)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://10.0.0.1/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://100.64.0.1/hook",
        "http://192.168.1.10/hook",
        "http://0.0.0.0/hook",
        "http://224.0.0.1/hook",
        "http://[fe80::1]/hook",
        "http://sneaky.example.org/hook",
        "http://split.example.org/hook",
    ],
)
async def test_refused(url: str) -> None:
    with pytest.raises(BlockedAddress):
        await check_url(url, allow=NOBODY, resolve=DNS)


async def test_public_name_connects_to_the_checked_address() -> None:
    target = await check_url("https://hooks.example.org:8443/x", allow=NOBODY, resolve=DNS)
    assert (target.ip, target.host, target.port, target.scheme) == (
        "93.184.216.34", "hooks.example.org", 8443, "https",
    )  # fmt: skip


async def test_public_ipv6_is_allowed() -> None:
    target = await check_url("http://v6.example.org/", allow=NOBODY, resolve=DNS)
    assert target.ip == "2606:4700:4700::1111"


async def test_allow_list_by_network_and_by_name() -> None:
    by_net = AllowList.parse(["127.0.0.0/8", "::1"])
    assert (await check_url("http://127.0.0.1:9000/h", allow=by_net, resolve=DNS)).ip == "127.0.0.1"
    assert (await check_url("http://[::1]:9000/h", allow=by_net, resolve=DNS)).ip == "::1"
    by_name = AllowList.parse(["sneaky.example.org"])
    assert (await check_url("http://sneaky.example.org/", allow=by_name, resolve=DNS)).ip
    with pytest.raises(BlockedAddress):
        await check_url("http://10.0.0.1/", allow=by_net, resolve=DNS)


async def test_unresolvable_and_non_http_urls_are_refused() -> None:
    with pytest.raises(BlockedAddress, match="does not resolve"):
        await check_url("http://nowhere.example.org/", allow=NOBODY, resolve=DNS)
    with pytest.raises(BlockedAddress):
        await check_url("file:///etc/passwd", allow=NOBODY, resolve=DNS)

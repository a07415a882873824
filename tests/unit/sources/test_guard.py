"""The feeds' SSRF guard: public addresses only, unless allowed, and then only the named port."""

from __future__ import annotations

import pytest

from services.common.ssrf import BlockedAddress
from services.sources.fetch import Guard
from services.sources.settings import FetchSettings


def resolver(answers: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    async def resolve(host: str, port: int) -> list[str]:
        return answers[host]

    return resolve


DNS = resolver(
    {
        "news.example.org": ["93.184.216.34"],
        "inside.example": ["10.1.2.3"],
        "localhost": ["127.0.0.1"],
    }
)


async def test_public_addresses_pass_and_private_ones_are_refused() -> None:
    guard = Guard.parse([], DNS)
    target = await guard.check("https://news.example.org/feed.xml")
    assert (target.ip, target.port) == ("93.184.216.34", 443)
    for url in ("http://inside.example/feed", "http://127.0.0.1:8080/feed", "http://[::1]/feed"):
        with pytest.raises(BlockedAddress):
            await guard.check(url)


async def test_a_name_that_resolves_to_a_private_address_is_refused() -> None:
    with pytest.raises(BlockedAddress, match=r"10\.1\.2\.3 is private"):
        await Guard.parse([], DNS).check("http://inside.example/feed.xml")


async def test_host_and_port_allow_that_port_only_by_address_or_name() -> None:
    guard = Guard.parse(["127.0.0.1:8123"], DNS)
    assert (await guard.check("http://127.0.0.1:8123/feed.xml")).port == 8123
    assert (await guard.check("http://localhost:8123/feed.xml")).ip == "127.0.0.1"
    for url in ("http://127.0.0.1:6379/", "http://localhost:8001/alerts"):
        with pytest.raises(BlockedAddress, match="is loopback"):
            await guard.check(url)


async def test_a_bare_host_allows_every_port_as_for_webhooks() -> None:
    guard = Guard.parse(["inside.example"], DNS)
    assert (await guard.check("http://inside.example:9000/feed")).ip == "10.1.2.3"


async def test_only_http_and_https() -> None:
    for url in ("file:///etc/passwd", "ftp://news.example.org/feed", "gopher://x/"):
        with pytest.raises(BlockedAddress):
            await Guard.parse([], DNS).check(url)


async def test_numeric_spellings_of_loopback_are_refused_and_match_an_entry() -> None:
    guard = Guard.parse(["127.0.0.1:8123"], DNS)
    for url in ("http://2130706433/", "http://0x7f000001:6379/", "http://127.1/"):
        with pytest.raises(BlockedAddress, match="is loopback"):
            await guard.check(url)
    assert (await guard.check("http://127.1:8123/feed.xml")).ip == "127.0.0.1"


def test_a_bad_allow_entry_fails_at_start_up() -> None:
    with pytest.raises(ValueError, match="port out of range"):
        FetchSettings(allow_hosts=["127.0.0.1:70000"])

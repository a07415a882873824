"""SSRF guard: a webhook may reach only global addresses, unless the allow-list names it."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Awaitable[list[str]]]

_CGNAT = ipaddress.IPv4Network("100.64.0.0/10")


class BlockedAddress(ValueError):
    """The URL's host is or resolves to an address webhooks may not reach."""


@dataclass(frozen=True)
class Target:
    """Where to connect: the checked address, with the name for Host and TLS SNI."""

    scheme: str
    host: str
    port: int
    ip: str


@dataclass(frozen=True)
class AllowList:
    hosts: frozenset[str]
    networks: tuple[IPNetwork, ...]

    @classmethod
    def parse(cls, entries: Iterable[str]) -> AllowList:
        hosts: set[str] = set()
        networks: list[IPNetwork] = []
        for entry in entries:
            try:
                networks.append(ipaddress.ip_network(entry.strip(), strict=False))
            except ValueError:
                hosts.add(entry.strip().casefold().rstrip("."))
        return cls(frozenset(hosts), tuple(networks))

    def allows(self, host: str, ip: IPAddress) -> bool:
        return host.casefold().rstrip(".") in self.hosts or any(ip in n for n in self.networks)


def forbidden_reason(ip: IPAddress) -> str | None:
    """Why `ip` is not a public unicast address, or None when it is."""
    if isinstance(ip, ipaddress.IPv6Address):
        # ::ffff:127.0.0.1 and 6to4/Teredo wrappers would reach the embedded IPv4 address.
        inner = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if inner is not None:
            reason = forbidden_reason(inner)
            return f"embeds {inner}: {reason}" if reason else None
    checks = (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("shared address space (CGNAT)", isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT),
        ("not globally routable", not ip.is_global),
    )
    return next((name for name, hit in checks if hit), None)


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


async def check_url(url: str, *, allow: AllowList, resolve: Resolver = system_resolver) -> Target:
    """Resolve the URL's host and return the address to connect to, or raise BlockedAddress.

    Every resolved address must pass, so a name with one public and one private record is
    refused rather than left to the order of answers.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BlockedAddress(f"not an http(s) URL with a host: {parts.scheme}://")
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [literal]
    else:
        try:
            addresses = [ipaddress.ip_address(a.split("%")[0]) for a in await resolve(host, port)]
        except OSError as exc:
            raise BlockedAddress(f"{host} does not resolve: {exc}") from exc
    if not addresses:
        raise BlockedAddress(f"{host} resolves to nothing")
    for ip in addresses:
        reason = forbidden_reason(ip)
        if reason and not allow.allows(host, ip):
            raise BlockedAddress(f"{host} -> {ip} is {reason}")
    return Target(scheme=parts.scheme, host=host, port=port, ip=str(addresses[0]))

"""SSRF guard: a webhook may reach only global addresses, unless the allow-list names it."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator

from services.common.address_forms import IPAddress, numeric_host, unwrap

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
    """Non-global destinations a webhook may reach anyway.

    Entries: a network or address (`10.0.0.0/8`, `::1`) or a host name allows every port;
    `host:port` (`127.0.0.1:9000`, `[::1]:9000`, `hooks.local:8080`) allows that port only.
    Numeric spellings (`127.1`, `0x7f000001`) are normalised, so an entry and a URL that
    name the same address match, and no other spelling slips past.
    """

    hosts: frozenset[str]
    networks: tuple[IPNetwork, ...]
    host_ports: frozenset[tuple[str, int]] = frozenset()
    ip_ports: frozenset[tuple[IPAddress, int]] = frozenset()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> AllowList:
        hosts: set[str] = set()
        networks: list[IPNetwork] = []
        host_ports: set[tuple[str, int]] = set()
        ip_ports: set[tuple[IPAddress, int]] = set()
        for raw in entries:
            entry = raw.strip()
            if not entry:
                continue
            try:
                network = ipaddress.ip_network(entry, strict=False)
            except ValueError:
                pass
            else:
                networks.append(_unwrap_network(network))
                continue
            host, port = _split_port(entry)
            literal = numeric_host(host)
            if port is None and literal is not None:
                networks.append(ipaddress.ip_network(literal))
            elif port is None:
                hosts.add(_name(host))
            elif literal is not None:
                ip_ports.add((literal, port))
            else:
                host_ports.add((_name(host), port))
        return cls(frozenset(hosts), tuple(networks), frozenset(host_ports), frozenset(ip_ports))

    def allows(self, host: str, ip: IPAddress, port: int | None = None) -> bool:
        """Whether `host` (as the URL names it), resolved to `ip`, may be reached on `port`."""
        name, ip = _name(host), unwrap(ip)
        if name in self.hosts or any(ip in n for n in self.networks):
            return True
        if port is None:
            return False
        return (name, port) in self.host_ports or (ip, port) in self.ip_ports


def _parsed_allow_hosts(entries: list[str]) -> list[str]:
    AllowList.parse(entries)  # a bad entry (a port out of range) fails at start-up
    return entries


# A settings field of AllowList entries, checked when the settings are built.
AllowHosts = Annotated[list[str], AfterValidator(_parsed_allow_hosts)]


def _name(host: str) -> str:
    return host.strip().strip("[]").casefold().rstrip(".")


def _split_port(entry: str) -> tuple[str, int | None]:
    """`host:port` or `[v6]:port` into its parts; anything else is a bare host."""
    host, sep, port = entry.rpartition(":")
    if sep and port.isdigit() and host and (":" not in host or host.startswith("[")):
        number = int(port)
        if not 0 < number < 65536:
            raise ValueError(f"allow-list entry {entry!r}: port out of range")
        return host, number
    return entry, None


def _unwrap_network(network: IPNetwork) -> IPNetwork:
    """::ffff:127.0.0.1/128 allows what 127.0.0.1 would: the address it carries."""
    if isinstance(network, ipaddress.IPv6Network) and network.prefixlen >= 96:
        mapped = network.network_address.ipv4_mapped
        if mapped is not None:
            return ipaddress.IPv4Network(f"{mapped}/{network.prefixlen - 96}", strict=False)
    return network


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
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:  # a port that is not a number, or out of range
        raise BlockedAddress(f"bad port in URL: {exc}") from exc
    # Numeric forms (2130706433, 0x7f000001, 127.1, ::ffff:7f00:1) are read here as the
    # resolver would read them, so the check sees the address the connection reaches.
    literal = numeric_host(host)
    if literal is not None:
        addresses = [literal]
    else:
        try:
            addresses = [unwrap(ipaddress.ip_address(a.split("%")[0]))
                         for a in await resolve(host, port)]  # fmt: skip
        except (OSError, ValueError) as exc:
            raise BlockedAddress(f"{host} does not resolve: {exc}") from exc
    if not addresses:
        raise BlockedAddress(f"{host} resolves to nothing")
    for ip in addresses:
        reason = forbidden_reason(ip)
        if reason and not allow.allows(host, ip, port):
            raise BlockedAddress(f"{host}:{port} -> {ip} is {reason}")
    return Target(scheme=parts.scheme, host=host, port=port, ip=str(addresses[0]))

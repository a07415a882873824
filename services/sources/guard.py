"""The SSRF guard for feeds and pages: the webhooks' guard, plus `host:port` allow entries.

Feed and page URLs are user-supplied, so they pass the same check as webhooks
(`services.alerts.ssrf`, used as it is). A local run allows only its own feed server's port
on loopback, not every service listening there (Redis, the APIs), hence the port.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from services.alerts.ssrf import (
    AllowList,
    BlockedAddress,
    Resolver,
    Target,
    check_url,
    forbidden_reason,
    system_resolver,
)

__all__ = ["BlockedAddress", "Guard", "Target"]


@dataclass(frozen=True)
class Guard:
    """`allow`: what the allow-list names; `ports`: host -> the only ports allowed there."""

    allow: AllowList
    ports: dict[str, frozenset[int]]
    resolve: Resolver = system_resolver

    @classmethod
    def parse(cls, entries: Iterable[str], resolve: Resolver = system_resolver) -> Guard:
        plain: list[str] = []
        ports: dict[str, set[int]] = {}
        for entry in entries:
            host, port = _split_port(entry.strip())
            plain.append(host)
            if port is not None:
                ports.setdefault(host.casefold().rstrip("."), set()).add(port)
        frozen = {host: frozenset(p) for host, p in ports.items()}
        return cls(AllowList.parse(plain), frozen, resolve)

    async def check(self, url: str) -> Target:
        """The address to connect to, or BlockedAddress with the reason."""
        target = await check_url(url, allow=self.allow, resolve=self.resolve)
        reason = forbidden_reason(ipaddress.ip_address(target.ip))
        # Named by host or by address ('localhost' reaches 127.0.0.1 too): either limits ports.
        limits = [self.ports.get(target.host.casefold().rstrip(".")), self.ports.get(target.ip)]
        allowed_ports = frozenset().union(*(p for p in limits if p is not None))
        if reason and any(p is not None for p in limits) and target.port not in allowed_ports:
            raise BlockedAddress(
                f"{target.host}:{target.port} is {reason} and only port(s) "
                f"{', '.join(map(str, sorted(allowed_ports)))} are allowed there"
            )
        return target


def _split_port(entry: str) -> tuple[str, int | None]:
    """'127.0.0.1:8080' -> ('127.0.0.1', 8080); a bare host or a network keeps no port."""
    if entry.count(":") == 1:  # IPv6 literals and networks have several colons
        host, _, port = entry.partition(":")
        if port.isdigit():
            return host, int(port)
    if entry.startswith("[") and "]:" in entry:
        parts = urlsplit(f"//{entry}")
        return parts.hostname or entry, parts.port
    return entry, None

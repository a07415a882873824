"""Numeric spellings of IP addresses, normalised the way the C resolver reads them.

`getaddrinfo` (through `inet_aton`) takes `2130706433`, `0x7f000001`, `0177.0.0.1` and `127.1`
as 127.0.0.1, and an HTTP client hands such a host straight to it. The SSRF guard must see
the same address the connection will reach, so it reads these forms itself, without DNS.
"""

from __future__ import annotations

import ipaddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _part(text: str) -> int | None:
    """One dotted part as inet_aton reads it: 0x hex, leading-0 octal, else decimal."""
    lowered = text.lower()
    try:
        if lowered.startswith("0x"):
            return int(lowered[2:] or "0", 16)
        if len(lowered) > 1 and lowered.startswith("0"):
            return int(lowered[1:], 8)
        return int(lowered, 10) if lowered.isdigit() else None
    except ValueError:
        return None


def _inet_aton(host: str) -> ipaddress.IPv4Address | None:
    """`a`, `a.b`, `a.b.c` or `a.b.c.d`: the last part fills the bytes the others leave."""
    parts = host.split(".")
    if not 1 <= len(parts) <= 4 or not all(parts):
        return None
    values = [_part(p) for p in parts]
    if any(v is None for v in values):
        return None
    numbers = [v for v in values if v is not None]
    *leading, last = numbers
    if any(v > 255 for v in leading) or last >= 256 ** (4 - len(leading)):
        return None
    value = last
    for index, byte in enumerate(leading):
        value |= byte << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def unwrap(ip: IPAddress) -> IPAddress:
    """An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address it carries."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def numeric_host(host: str) -> IPAddress | None:
    """The address a host written as a number stands for, or None for a name."""
    bare = host.strip().strip("[]").rstrip(".")
    try:
        return unwrap(ipaddress.ip_address(bare.split("%")[0]))
    except ValueError:
        return _inet_aton(bare)

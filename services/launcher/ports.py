"""Ports: parse host:port lists, probe whether a port is taken, and find free ones."""

from __future__ import annotations

import socket
from collections.abc import Callable, Mapping

from services.launcher.errors import StartupError

LOOPBACK = "127.0.0.1"


def parse_hostport(address: str, default_port: int) -> tuple[str, int]:
    """`host:port` (or `host`, or `[v6]:port`) as a pair; ValueError for a bad port."""
    address = address.strip()
    if address.startswith("["):
        host, _, rest = address[1:].partition("]")
        port_text = rest.removeprefix(":")
    elif address.count(":") == 1:
        host, _, port_text = address.partition(":")
    else:
        host, port_text = address, ""
    if not host:
        raise ValueError(f"no host in {address!r}")
    if not port_text:
        return host, default_port
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(f"bad port in {address!r}")
    return host, int(port_text)


def parse_bootstrap(servers: str) -> list[tuple[str, int]]:
    """Kafka's comma-separated bootstrap list as (host, port) pairs."""
    pairs = [parse_hostport(part, 9092) for part in servers.split(",") if part.strip()]
    if not pairs:
        raise ValueError("empty bootstrap server list")
    return pairs


def is_listening(host: str, port: int, timeout: float = 0.3) -> bool:
    """Whether something accepts TCP connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def free_port(host: str = LOOPBACK) -> int:
    """A port the kernel says is free right now (another program may still take it later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def taken_ports(wanted: Mapping[str, int], in_use: Callable[[int], bool]) -> dict[str, int]:
    """The entries of `wanted` (name -> port) whose port `in_use` reports as taken."""
    return {name: port for name, port in wanted.items() if in_use(port)}


# A taken broker or Redis port is often a Kafka or Redis already running: say how to use it.
USE_INSTEAD = {
    "--broker-port": "CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS=127.0.0.1:{port}",
    "--redis-port": "CLAIMWATCH_REDIS__URL=redis://127.0.0.1:{port}/0",
}


def port_taken_error(name: str, port: int, option: str) -> StartupError:
    use = USE_INSTEAD.get(option)
    reuse = f"use the one running there with {use.format(port=port)}, " if use else ""
    return StartupError(
        f"port {port} for {name} is already in use",
        f"{reuse}stop what listens there (`ss -ltnp 'sport = :{port}'` shows it) "
        f"or pick another with `claimwatch up {option} PORT`",
    )


def check_free(wanted: Mapping[str, tuple[int, str]], in_use: Callable[[int], bool]) -> None:
    """A one-line StartupError for the first taken port; `wanted`: name -> (port, option)."""
    taken = taken_ports({name: port for name, (port, _) in wanted.items()}, in_use)
    for name, port in taken.items():
        raise port_taken_error(name, port, wanted[name][1])

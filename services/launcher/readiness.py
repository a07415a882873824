"""Readiness: poll a check until it passes, the process dies, or the time runs out."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable

import httpx

from services.launcher.errors import Stopping


def wait_until(
    check: Callable[[], bool],
    *,
    timeout: float,
    stop: threading.Event,
    died: Callable[[], bool] = lambda: False,
    interval: float = 0.2,
) -> bool:
    """True once `check` passes; False on timeout or when `died`; Stopping when asked to stop."""
    deadline = time.monotonic() + timeout
    while True:
        if stop.is_set():
            raise Stopping
        if check():
            return True
        if died() or time.monotonic() >= deadline:
            return False
        stop.wait(interval)


def http_ready(url: str) -> bool:
    """Whether `url` answers 200 (a service's /readyz)."""
    try:
        return httpx.get(url, timeout=1.0).status_code == 200
    except httpx.HTTPError:
        return False


def redis_ready(host: str, port: int) -> bool:
    """Whether a Redis answers PING on host:port (speaking RESP directly, no client needed)."""
    try:
        with socket.create_connection((host, port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith((b"+PONG", b"-NOAUTH"))
    except OSError:
        return False

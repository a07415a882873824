"""`eventually`: the one way tests wait for something asynchronous to happen."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from typing import Any


async def eventually(
    check: Callable[[], Awaitable[Any] | Any],
    *,
    what: str = "the check",
    timeout: float = 30.0,
    interval: float = 0.05,
    alive: Callable[[], object] | None = None,
    detail: Callable[[], object] | None = None,
) -> Any:
    """Poll `check` (sync or async) until it returns something truthy, and return that.

    `alive` runs before each try and raises when what is watched has died (a process exited), so
    a test fails at once rather than at the deadline. On timeout the AssertionError names `what`,
    the last value seen and `detail()` (logs, for instance).
    """
    deadline = time.monotonic() + timeout
    last: Any = None
    while True:
        if alive is not None:
            alive()
        last = check()
        if inspect.isawaitable(last):
            last = await last
        if last:
            return last
        if time.monotonic() > deadline:
            extra = f" {detail()}" if detail is not None else ""
            raise AssertionError(f"{what}: not within {timeout:g}s; last value {last!r}{extra}")
        await asyncio.sleep(interval)


def eventually_blocking(
    check: Callable[[], Any],
    *,
    what: str = "the check",
    timeout: float = 30.0,
    interval: float = 0.05,
    alive: Callable[[], object] | None = None,
    detail: Callable[[], object] | None = None,
) -> Any:
    """`eventually` for a synchronous test (no running event loop): the same loop, run here."""
    return asyncio.run(
        eventually(check, what=what, timeout=timeout, interval=interval, alive=alive, detail=detail)
    )

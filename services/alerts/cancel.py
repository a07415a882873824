"""Honour a cancellation that a client library turned into an ordinary error."""

from __future__ import annotations

import asyncio


def reraise_if_cancelling() -> None:
    """redis-py may surface a cancelled blocking read as ConnectionError; a retry loop that
    catches it must still stop when its task is being cancelled (service shutdown)."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError

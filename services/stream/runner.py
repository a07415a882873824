"""Start a stream worker: topics ensured, the extractor loaded, Faust run until stopped."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from services.common.kafka import ensure_topics
from services.common.logs import configure_logging
from services.common.metrics import new_registry
from services.stream.metrics import StreamMetrics, read_lags, serve
from services.stream.settings import Settings

if TYPE_CHECKING:
    import faust

log = logging.getLogger(__name__)


def run_worker(settings: Settings) -> int:
    """Blocks until the worker is stopped (SIGTERM/SIGINT); returns its exit code."""
    import faust

    from services.extraction import Extractor
    from services.stream.app import create_app

    configure_logging(settings.log)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    if settings.create_topics:
        loop.run_until_complete(ensure_topics(settings.kafka, settings.topics))
    extractor = Extractor.load()
    # One thread: the extractor remembers people across articles, and one parse at a time
    # keeps the claims of an article in order; the event loop stays free meanwhile.
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract")
    metrics = StreamMetrics(new_registry())
    app = create_app(settings, extract=extractor.extract, executor=executor, recorder=metrics)
    watch_lag(app, metrics, settings.metrics_lag_interval_s)
    serve(metrics.registry, settings.metrics_host, settings.metrics_port)
    worker = faust.Worker(
        app, loop=loop, loglevel=settings.log.level.lower(), override_logging=False
    )
    log.info(
        "stream worker starting",
        extra={"app_id": settings.faust.app_id, "bootstrap": settings.kafka.bootstrap_servers},
    )
    try:
        worker.execute_from_commandline()
    except SystemExit as exc:  # mode's Worker exits through sys.exit
        return int(exc.code or 0)
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
    return 0


def watch_lag(app: faust.App, metrics: StreamMetrics, interval_s: float) -> None:
    """Refresh the consumer-lag gauge every `interval_s` on this worker's own partitions."""

    async def update_consumer_lag() -> None:
        with metrics.lag_updates.time():
            metrics.set_lags(read_lags(app.consumer))

    app.timer(interval=interval_s, name="update_consumer_lag")(update_consumer_lag)

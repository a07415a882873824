"""`python -m services.ingest`: build settings, configure logs, serve the API with uvicorn."""

from __future__ import annotations

import uvicorn

from services.common.logs import configure_logging
from services.ingest.api import create_app
from services.ingest.language import warm_up
from services.ingest.settings import Settings


def main() -> None:
    settings = Settings()
    configure_logging(settings.log)
    if settings.api_key is None and not settings.open_writes:
        # Fail loudly: an ingest anyone on the network can write to is never a default.
        raise SystemExit(
            "ingest: set CLAIMWATCH_API_KEY (POST /articles requires it as X-API-Key), "
            "or CLAIMWATCH_OPEN_WRITES=true for a closed test rig"
        )
    if settings.language_check:
        warm_up()
    # No publisher passed: the app's lifespan creates the topics and opens the producer.
    app = create_app(settings)
    uvicorn.run(app, host=settings.host, port=settings.port, log_config=None, access_log=True)


if __name__ == "__main__":
    main()

"""`python -m services.sources`: build settings, configure logs, serve the API and poll feeds."""

from __future__ import annotations

import uvicorn

from services.common.logs import configure_logging
from services.sources.api import create_app
from services.sources.settings import Settings


def main() -> None:
    settings = Settings()
    configure_logging(settings.log)
    if settings.language_check:
        from services.ingest.language import warm_up

        warm_up()  # the language model loads now (about 1 s), not on the first page
    app = create_app(settings)
    uvicorn.run(app, host=settings.host, port=settings.port, log_config=None, access_log=True)


if __name__ == "__main__":
    main()

"""`python -m services.alerts`: API, `alerts` consumer and delivery workers in one process."""

from __future__ import annotations

import uvicorn

from services.alerts.api import create_app
from services.alerts.service import run_background
from services.alerts.settings import Settings
from services.common.logs import configure_logging


def main() -> None:
    settings = Settings()  # api_key comes from the environment (required)
    configure_logging(settings.log)
    app = create_app(settings, background=run_background)
    uvicorn.run(app, host=settings.host, port=settings.port, log_config=None)


if __name__ == "__main__":
    main()

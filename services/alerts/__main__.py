"""`python -m services.alerts`: API, `alerts` consumer and delivery workers in one process."""

from __future__ import annotations

import sys

import uvicorn
from pydantic import ValidationError

from services.alerts.bootstrap import build_app
from services.alerts.settings import Settings
from services.common.logs import configure_logging
from services.common.settings import ENV_PREFIX


def main() -> None:
    try:
        settings = Settings()  # api_key comes from the environment (required)
    except ValidationError as exc:
        missing = ", ".join(ENV_PREFIX + ".".join(map(str, e["loc"])).upper() for e in exc.errors())
        sys.stderr.write(f"alerts: invalid or missing settings: {missing}\n")
        raise SystemExit(2) from None
    configure_logging(settings.log)
    app = build_app(settings)
    uvicorn.run(app, host=settings.host, port=settings.port, log_config=None)


if __name__ == "__main__":
    main()

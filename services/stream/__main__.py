"""`python -m services.stream`: run one stream worker with settings from the environment."""

from __future__ import annotations

import sys

from services.stream.runner import run_worker
from services.stream.settings import Settings

if __name__ == "__main__":
    sys.exit(run_worker(Settings()))

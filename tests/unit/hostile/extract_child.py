"""A child process for the hostile extraction tests: one Extractor, one article per stdin line.

It answers each line (an Article as JSON) with one JSON line: the claims, or the error raised.
The parent waits with a deadline and kills this process when an article hangs it, so a hang
fails one test instead of blocking the suite.
"""

from __future__ import annotations

import json
import sys
import time

from schemas.articles import Article
from services.extraction import Extractor


def main() -> None:
    extractor = Extractor.load()
    sys.stdout.write(json.dumps({"ready": True}) + "\n")
    sys.stdout.flush()
    for line in sys.stdin:
        article = Article.model_validate_json(line)
        start = time.perf_counter()
        try:
            claims = extractor.extract(article)
        except Exception as exc:  # reported to the parent, which fails the test with it
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        else:
            answer = {
                "type": type(claims).__name__,
                "claims": [c.model_dump(mode="json") for c in claims],
            }
        answer["seconds"] = time.perf_counter() - start
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

"""Writes the project's own annotated examples (`own/*.json` + `*.gold.json`) from ARTICLES.

The articles are written for this project (invented places, people and firms), each sentence
with its gold claims in the annotation guidelines' format. They teach the learned extractor
constructions news uses too rarely for 169 articles to show them often: threat idioms,
conditional threats, pleas, flat denials, advice to the public, and plain statements of the
same shape that are not denials or warnings. `claimwatch train` and `claimwatch eval --extra`
take the folder as training data only; it is never a held-out fold.

    python services/extraction/training/build.py
"""

from __future__ import annotations

import json
from pathlib import Path

from services.extraction.training.articles import ARTICLES

OUT = Path(__file__).parent / "own"


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.json"):
        old.unlink()
    for item in ARTICLES:
        sentences = [s for s, _ in item["body"]]
        text = " ".join(sentences)
        claims = [
            {"type": t, "sentence": s, "speaker": speaker, "actor": actor, "target": None}
            for s, found in [(item["title"], item.get("title_claims", [])), *item["body"]]
            for t, speaker, actor in found
        ]
        article = {
            "id": item["id"],
            "source": "claimwatch examples",
            "title": item["title"],
            "text": text,
        }
        (OUT / f"{item['id']}.json").write_text(json.dumps(article, indent=1) + "\n")
        gold = {"article_id": item["id"], "claims": claims}
        (OUT / f"{item['id']}.gold.json").write_text(json.dumps(gold, indent=1) + "\n")


if __name__ == "__main__":
    main()

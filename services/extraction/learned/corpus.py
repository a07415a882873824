"""Annotated corpora on disk: `<id>.json` articles beside `<id>.gold.json` claims, by folder."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemas.articles import Article, ArticleIn

GOLD_SUFFIX = ".gold.json"


@dataclass(frozen=True)
class GoldClaim:
    """One annotated speech act (see the annotation guidelines)."""

    type: str
    sentence: str
    speaker: str
    actor: str
    target: str | None = None
    event_key: str | None = None

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> GoldClaim:
        return cls(
            type=str(raw["type"]),
            sentence=str(raw["sentence"]),
            speaker=str(raw.get("speaker") or ""),
            actor=str(raw.get("actor") or ""),
            target=raw.get("target"),
            event_key=raw.get("event_key"),
        )


@dataclass(frozen=True)
class Annotated:
    """An article with its gold claims and the folder (the cross-validation fold) it is in."""

    folder: str
    article: Article
    gold: tuple[GoldClaim, ...]


def read_folder(path: Path) -> list[Annotated]:
    """Every annotated article of one folder, in file-name order; unannotated files are skipped."""
    found = []
    for gold_path in sorted(path.glob(f"*{GOLD_SUFFIX}")):
        article_path = gold_path.with_name(gold_path.name.removesuffix(GOLD_SUFFIX) + ".json")
        if not article_path.is_file():
            raise ValueError(f"{gold_path}: no article file {article_path.name} beside it")
        article = ArticleIn.model_validate_json(article_path.read_text("utf-8")).to_article()
        gold = json.loads(gold_path.read_text("utf-8"))
        claims = tuple(GoldClaim.from_json(c) for c in gold.get("claims", []))
        found.append(Annotated(path.name, article, claims))
    return found


def read_corpus(paths: Iterable[Path]) -> list[Annotated]:
    """Folders of annotated articles; a folder of folders contributes each subfolder as a fold."""
    corpus: list[Annotated] = []
    for path in paths:
        if not path.is_dir():
            raise ValueError(f"{path}: not a folder of annotated articles")
        own = read_folder(path)
        if own:
            corpus.extend(own)
            continue
        for sub in sorted(p for p in path.iterdir() if p.is_dir()):
            corpus.extend(read_folder(sub))
    if not corpus:
        raise ValueError("no annotated articles (<id>.json beside <id>.gold.json) found")
    return corpus


def folders(corpus: Iterable[Annotated]) -> list[str]:
    return sorted({a.folder for a in corpus})

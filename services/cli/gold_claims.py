"""Annotated claims as `Claim`s: `<id>.gold.json` beside an article, for measuring novelty alone.

The evaluation format (see the annotation guidelines) gives each claim its sentence but no
offsets; the span is found in the article (title first, then text), as the extractor would
give it. A sentence that is in neither is reported, not guessed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from schemas.articles import Article
from schemas.claims import Claim, ClaimType, Span

GOLD_SUFFIX = ".gold.json"


@dataclass(frozen=True)
class GoldClaims:
    claims: list[Claim]
    problems: list[str]


def gold_path(article_path: Path) -> Path:
    """`dir/<id>.json` -> `dir/<id>.gold.json` (any article suffix)."""
    return article_path.with_name(article_path.stem + GOLD_SUFFIX)


def read_gold_claims(article: Article, path: Path) -> GoldClaims:
    """The annotated claims of `article` from `path`, in the file's order."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return GoldClaims([], [f"{path}: cannot read gold claims: {exc}"])
    rows = doc.get("claims") if isinstance(doc, dict) else None
    if not isinstance(rows, list):
        return GoldClaims([], [f"{path}: no 'claims' list"])
    claims, problems = [], []
    for index, row in enumerate(rows):
        try:
            claims.append(_claim(article, row))
        except (ValueError, ValidationError, TypeError, KeyError) as exc:
            problems.append(f"{path}: claim {index}: {exc}")
    return GoldClaims(claims, problems)


def _claim(article: Article, row: Any) -> Claim:
    sentence = str(row["sentence"])
    return Claim(
        article_id=article.id,
        type=ClaimType(row["type"]),
        speaker=str(row.get("speaker") or ""),
        actor=str(row.get("actor") or row.get("speaker") or ""),
        target=row.get("target") or None,
        content=str(row.get("content") or ""),
        sentence=sentence,
        span=find_span(article, sentence),
        cue="",
        confidence=1.0,
    )


def find_span(article: Article, sentence: str) -> Span:
    for field in ("title", "text"):
        start = getattr(article, field).find(sentence)
        if start >= 0:
            return Span(field=field, start=start, end=start + len(sentence))
    raise ValueError(f"sentence not in the article: {sentence[:60]!r}")

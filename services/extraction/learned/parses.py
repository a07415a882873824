"""A spaCy pipeline that parses each distinct sentence once, for runs over the same corpus.

Cross-validation extracts every article once per fold with a different lexicon; the parse of
a sentence does not depend on the fold, so it is kept (keyed by the exact text handed to the
parser) and only the claim building runs again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc


class ParseCache:
    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp
        self._docs: dict[tuple[str, bool], Doc] = {}

    @property
    def pipeline(self) -> list[tuple[str, Any]]:
        return self._nlp.pipeline

    @property
    def meta(self) -> dict[str, Any]:
        return self._nlp.meta

    def pipe(
        self, texts: Iterable[str], *, batch_size: int = 256, disable: list[str] | None = None
    ) -> Iterator[Doc]:
        key_ner = not disable
        texts = list(texts)
        missing = list(dict.fromkeys(t for t in texts if (t, key_ner) not in self._docs))
        for text, doc in zip(
            missing,
            self._nlp.pipe(missing, batch_size=batch_size, disable=disable or []),
            strict=True,
        ):
            self._docs[(text, key_ner)] = doc
        for text in texts:
            yield self._docs[(text, key_ner)]

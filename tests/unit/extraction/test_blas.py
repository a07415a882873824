"""spaCy multiplies through numpy's BLAS on one thread, and parses exactly as with blis."""

from __future__ import annotations

import spacy
from threadpoolctl import threadpool_info

from services.extraction.model import MODEL_PACKAGES, UNUSED_COMPONENTS, load_nlp

_SENTENCES = [
    "Ann Lee, a spokeswoman for Acme Robotics, said on Monday the company denied the report.",
    "“We will not tolerate this,” the foreign ministry in Ruritania warned late on Tuesday.",
    "Officials urged residents of Port Vale to stay indoors until the storm had passed.",
]


def _parse(nlp: spacy.language.Language) -> list[list[tuple[str, str, int, str, str]]]:
    return [
        [(t.text, t.tag_, t.head.i, t.dep_, f"{t.ent_iob_}-{t.ent_type_}") for t in doc]
        for doc in nlp.pipe(_SENTENCES)
    ]


def test_models_multiply_with_numpy_on_one_blas_thread() -> None:
    nlp = load_nlp()
    layers = [n for _, pipe in nlp.pipeline if hasattr(pipe, "model") for n in pipe.model.walk()]
    on_numpy = [n for n in layers if not getattr(n.ops, "use_blis", True)]
    # all but the parsers' output layers, which their own compiled loop multiplies with blis
    assert len(on_numpy) >= len(layers) - 2 > 0
    blas = [p for p in threadpool_info() if p["user_api"] == "blas"]
    assert blas and all(p["num_threads"] == 1 for p in blas)


def test_same_tags_parse_and_entities_as_with_blis() -> None:
    fast = load_nlp()
    name = fast.meta["lang"] + "_" + fast.meta["name"]
    assert name in MODEL_PACKAGES
    plain = spacy.load(name, exclude=list(UNUSED_COMPONENTS))  # thinc's default ops (blis)
    assert all(
        getattr(n.ops, "use_blis", False)
        for _, pipe in plain.pipeline
        if hasattr(pipe, "model")
        for n in pipe.model.walk()
    )
    assert _parse(fast) == _parse(plain)

"""Names found only where a speaker can be named: outside a sentence's long direct quotes."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span


def recognise_names(
    recognisers: Sequence[EntityRecognizer], docs: Sequence[tuple[Doc, list[bool]]]
) -> None:
    """Set each doc's entities from its kept tokens (`keep`); a doc with every token kept is
    read whole, the others through a copy of their kept tokens."""
    copies: list[tuple[Doc, Doc, list[int]]] = []
    inputs: list[Doc] = []
    for doc, keep in docs:
        if all(keep):
            inputs.append(doc)
            continue
        kept = [t.i for t in doc if keep[t.i]]
        if not kept:
            doc.set_ents([], default="outside")
            continue
        copy = Doc(
            doc.vocab,
            words=[doc[i].text for i in kept],
            spaces=[bool(doc[i].whitespace_) for i in kept],
        )
        copies.append((doc, copy, kept))
        inputs.append(copy)
    for ner in recognisers:
        for _ in ner.pipe(inputs, batch_size=256):
            pass
    for doc, copy, kept in copies:
        ents = []
        for ent in copy.ents:
            start, end = kept[ent.start], kept[ent.end - 1] + 1
            if end - start == ent.end - ent.start:  # not across a quote left out
                ents.append(Span(doc, start, end, label=ent.label_))
        doc.set_ents(ents, default="outside")

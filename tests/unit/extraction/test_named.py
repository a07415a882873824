"""Names are recognised outside a sentence's long direct quotes, at the right tokens."""

from __future__ import annotations

from spacy.pipeline import EntityRecognizer

from services.extraction import Extractor
from services.extraction.named import recognise_names

_SENTENCE = (
    '"Nothing Brazil or Norway said about the harbour deal is true," '
    "said Ann Holloway, a spokeswoman for Meridian Shipping."
)


def _recognisers(extractor: Extractor) -> list[EntityRecognizer]:
    return [p for _, p in extractor.nlp.pipeline if isinstance(p, EntityRecognizer)]


def _parsed(extractor: Extractor, text: str):  # type: ignore[no-untyped-def]
    ner = [name for name, p in extractor.nlp.pipeline if isinstance(p, EntityRecognizer)]
    return next(extractor.nlp.pipe([text], disable=ner))


def test_every_token_kept_gives_the_recognisers_own_entities(extractor: Extractor) -> None:
    doc = _parsed(extractor, _SENTENCE)
    recognise_names(_recognisers(extractor), [(doc, [True] * len(doc))])
    whole = extractor.nlp(_SENTENCE)
    assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in whole.ents]


def test_a_long_quote_is_left_out_and_the_speaker_keeps_their_tokens(
    extractor: Extractor,
) -> None:
    doc = _parsed(extractor, _SENTENCE)
    closing = next(t.i for t in doc if t.i > 0 and t.text == '"')
    keep = [t.i > closing for t in doc]
    recognise_names(_recognisers(extractor), [(doc, keep)])
    names = {e.text for e in doc.ents}
    assert "Ann Holloway" in names
    assert not names & {"Brazil", "Norway"}
    # each entity sits on the original doc's tokens, not the shortened copy's
    for ent in doc.ents:
        assert ent.start > closing and doc[ent.start : ent.end].text == ent.text
    assert all(t.ent_iob_ == "O" for t in doc[: closing + 1])


def test_a_doc_with_nothing_kept_has_no_entities(extractor: Extractor) -> None:
    doc = _parsed(extractor, "Brazil and Norway signed it.")
    recognise_names(_recognisers(extractor), [(doc, [False] * len(doc))])
    assert doc.ents == () and all(t.ent_iob_ == "O" for t in doc)


def test_a_nationality_inside_a_long_quote_is_still_the_target(claims_of) -> None:  # type: ignore[no-untyped-def]
    claims = claims_of(
        '"Any attack by the Iranian navy on our ships will be met with force," '
        "Defence Minister Lena Sorvik of Norway warned on Monday."
    )
    warning = next(c for c in claims if c.type.value == "warning")
    assert warning.speaker == "Lena Sorvik" and warning.actor == "Norway"
    assert warning.target == "Iran"  # the tagger's capitalised adjective, no entity needed

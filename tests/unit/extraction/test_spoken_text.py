"""What is said, joined for the phrase patterns: as written, quote marks dropped."""

from __future__ import annotations

from services.extraction import Extractor
from services.extraction.spoken_text import spoken_text


def test_contractions_stay_whole(extractor: Extractor) -> None:
    doc = extractor.nlp("We can't and won't let it stand, and we cannot wait.")
    assert spoken_text(list(doc)) == "We can't and won't let it stand, and we cannot wait."


def test_scare_quotes_drop_out(extractor: Extractor) -> None:
    doc = extractor.nlp('It is not “privy to” the matter and was "fake" and wrong.')
    assert spoken_text(list(doc)) == "It is not privy to the matter and was fake and wrong."


def test_curly_apostrophes_are_straightened(extractor: Extractor) -> None:
    assert spoken_text(list(extractor.nlp("They won’t go."))) == "They won't go."


def test_tokens_apart_in_the_sentence_stay_apart(extractor: Extractor) -> None:
    doc = extractor.nlp("Fire is near, Lee told parliament.")
    tokens = [doc[2], doc[6]]  # "near" ... "parliament"
    assert spoken_text(tokens) == "near parliament"

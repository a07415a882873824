"""Induced cues: kept only with enough support across folds; they extend the lexicon."""

from __future__ import annotations

from collections import Counter

from services.extraction.learned.cues import InducedCue, _Evidence, extend, select
from services.extraction.lexicon import load_lexicon


def evidence(types: dict[str, int], negatives: int, folders: set[str]) -> _Evidence:
    return _Evidence(Counter(types), negatives, {"pleaded", "pleads"}, folders)


def test_select_keeps_supported_precise_cues_and_types_pure_ones() -> None:
    found = select(
        {
            "plead": evidence({"denial": 9}, 0, {"courts", "politics"}),
            "go": evidence({"assertion": 4}, 10, {"courts", "politics"}),  # imprecise
            "opine": evidence({"assertion": 2, "denial": 2}, 0, {"courts", "sport"}),
            "vent": evidence({"accusation": 5}, 0, {"courts"}),  # one folder only
        },
        min_support=3,
    )
    assert [(c.lemma, c.type) for c in found] == [("opine", "content"), ("plead", "denial")]
    assert found[1].folds == ("courts", "politics")


def test_extend_adds_forms_and_keeps_known_verbs() -> None:
    lex = load_lexicon()
    cue = InducedCue("plead", "denial", ("pleaded", "pleads"), 9, 1.0, ("courts",))
    say = InducedCue("say", "denial", ("said",), 9, 1.0, ("courts",))
    wider = extend(lex, [cue, say])
    assert wider.lemma("pleaded") == "plead"
    assert wider.verbs["plead"] == "denial"
    assert wider.verbs["say"] == lex.verbs["say"]
    assert lex.lemma("pleaded") is None  # the base lexicon is untouched

"""Scoring follows the annotation guidelines: same sentence, agreeing speaker, same type."""

from __future__ import annotations

from dataclasses import dataclass

from services.extraction.learned.scoring import match, same_sentence, score_article


@dataclass
class C:
    type: str
    sentence: str
    speaker: str
    actor: str


def canon(name: str) -> str:
    return {"kremlin": "russia"}.get(name.lower(), name.lower())


def test_sentences_match_by_containment_or_shared_words() -> None:
    assert same_sentence("The plan is dead, he said.", "“The plan is dead,” he said.")
    assert same_sentence("He said the plan is dead", "The plan is dead")
    assert not same_sentence("The plan is dead.", "Prices rose again in May.")


def test_speakers_agree_by_canonical_actor_or_a_shared_name_word() -> None:
    gold = [C("denial", "It never happened.", "Dmitry Peskov", "Kremlin")]
    assert match(gold, [C("denial", "It never happened.", "Peskov", "Peskov")], canon)
    assert match(gold, [C("denial", "It never happened.", "spokesman", "Russia")], canon)
    assert not match(gold, [C("denial", "It never happened.", "spokesman", "China")], canon)


def test_role_words_never_make_speakers_agree() -> None:
    gold = [C("denial", "It never happened.", "foreign ministry spokesman", "China")]
    pred = [C("denial", "It never happened.", "defence ministry spokesman", "Japan")]
    assert not match(gold, pred, canon)


def test_each_gold_claim_matches_once_and_types_must_agree() -> None:
    gold = [C("warning", "We will respond.", "Ana Soto", "Ruritania")]
    twice = [C("warning", "We will respond.", "Ana Soto", "Ruritania")] * 2
    report = score_article(gold, twice, canon)
    assert (report["alert"].tp, report["alert"].pred, report["alert"].gold) == (1, 2, 1)
    wrong_type = score_article(gold, [C("assertion", "We will respond.", "Soto", "x")], canon)
    assert wrong_type["alert"].tp == 0
    assert wrong_type["attribution"].tp == 1
    assert round(report["alert"].f1, 3) == 0.667

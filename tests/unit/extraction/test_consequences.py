"""Constructions met on fresh news: warnings by consequence, more denial senses, datelines."""

from __future__ import annotations

import pytest
from extraction_helpers import ClaimsOf


def types(claims_of: ClaimsOf, text: str, title: str = "") -> list[str]:
    return [c.type.value for c in claims_of(text, title=title)]


@pytest.mark.parametrize(
    "text",
    [
        "The governor said borrowing costs will need to climb again unless prices cool.",
        'Dr Lee said: "If wages keep racing ahead, the board would have to act."',
        'The director said: "The longer this drags on, the greater the risk to savers."',
        "The forecaster said there was a real potential for widespread disruption on roads.",
        "The minister said the walkout would lead to thousands of patients facing delays.",
        "Health officials said unvaccinated children could contract meningitis.",
        "The general said the probability of armed attacks on the frontier remains high.",
        "Acmeco's attorney said the singer intends to sue the promoter.",
        'Acmeco said: "We will sue anyone who repeats this."',
        "The banker said further rate increases may well be necessary next year.",
    ],
)
def test_warnings_by_consequence(claims_of: ClaimsOf, text: str) -> None:
    assert types(claims_of, text) == ["warning"]


@pytest.mark.parametrize(
    "text",
    [
        "The governor said prices rose by two percent in March.",
        "The director said the risk committee meets every Tuesday.",
        "The minister said the new road will lead to the harbour.",
    ],
)
def test_consequence_words_without_a_consequence_stay_assertions(
    claims_of: ClaimsOf, text: str
) -> None:
    assert types(claims_of, text) == ["assertion"]


@pytest.mark.parametrize(
    "text",
    [
        "The colonel dismissed fears that the manoeuvres would raise tensions.",
        "The governor challenged predictions that prices had peaked.",
        "The commission rejected the findings of the observers.",
        'The singer\'s lawyer said: "This lawsuit is a sham."',
        "The attorney said the complaints were specious.",
    ],
)
def test_more_denial_senses(claims_of: ClaimsOf, text: str) -> None:
    assert types(claims_of, text) == ["denial"]


# The rules' own verdict (the learned combiner's `rule=` signal). The shipped extractor's
# combiner overrules it here: its word classes see "not"/"unfounded"/"false" but not the
# structure that makes these no denial; cross-validation on real news still favoured it
# (README, "How well it extracts").
def test_false_thing_is_no_denial(rules_of: ClaimsOf) -> None:
    # "fictitious ledgers" charges wrongdoing: the speaker calls no claim false
    text = "The auditors say they found bogus invoices and fictitious ledgers at the firm."
    assert types(rules_of, text) == ["assertion"]


@pytest.mark.parametrize(
    "text",
    [
        'Acmeco denied the story. "We have not seen any such invoice," a spokesman said.',
        "Acmeco denied the story. The chairman said he had not received any complaint.",
    ],
)
def test_not_seeing_or_receiving_is_no_rebuttal(claims_of: ClaimsOf, text: str) -> None:
    assert types(claims_of, text) == ["denial", "assertion"]


@pytest.mark.parametrize(
    "text",
    [
        "RIVERTON (RNA) : The Ruritanian electoral board has rejected allegations of fraud.",
        "NORTHPORT, May 3. /RNA/. The Ruritanian electoral board rejected allegations of fraud.",
    ],
)
def test_colon_and_slash_datelines_are_no_speakers(claims_of: ClaimsOf, text: str) -> None:
    claims = claims_of(text)
    assert [c.type.value for c in claims] == ["denial"]
    assert "RIVERTON" not in claims[0].speaker and "NORTHPORT" not in claims[0].speaker

"""Indirect denials: a speaker clearing themselves of an allegation without a denial verb."""

from __future__ import annotations

import pytest
from extraction_helpers import ClaimsOf


@pytest.mark.parametrize(
    "text",
    [
        '"To be clear, I am not a liar," said Tom Reed in a statement.',
        '"I have never and would never knowingly break the rules," Reed said.',
        "Reed said he was innocent.",
        '"The tests will establish that I am clean," Reed said.',
        '"We are not thieves," the company\'s founder Ada Moss said.',
    ],
)
def test_clearing_oneself_is_a_denial(claims_of: ClaimsOf, text: str) -> None:
    assert "denial" in [c.type.value for c in claims_of(text)]


@pytest.mark.parametrize(
    "text",
    [
        '"The water is clean," Reed said.',
        '"I am not a morning person," Reed said.',
        '"We are not seeking a war," the minister said.',
        '"He is not a liar," Reed said of his rival.',
    ],
)
def test_innocence_of_others_or_of_things_is_no_denial(claims_of: ClaimsOf, text: str) -> None:
    assert "denial" not in [c.type.value for c in claims_of(text)]


def test_false_and_we_will_sue_is_a_denial_and_a_warning(claims_of: ClaimsOf) -> None:
    claims = claims_of('"These claims are false, and we will sue," said Paul Marsh.')
    assert sorted(c.type.value for c in claims) == ["denial", "warning"]


# The rules' own verdict (the learned combiner's `rule=` signal). The shipped extractor's
# combiner overrules it here: its word classes see "not"/"unfounded"/"false" but not the
# structure that makes these no denial; cross-validation on real news still favoured it
# (README, "How well it extracts").
def test_others_made_to_pay_the_price_is_a_lament_not_a_warning(rules_of: ClaimsOf) -> None:
    text = (
        '"Our members have failed, and it is families who will be made to pay the price '
        'for this chaos," said opposition MP Ann Cole.'
    )
    assert "warning" not in [c.type.value for c in rules_of(text)]


def test_paying_the_price_is_still_a_threat(claims_of: ClaimsOf) -> None:
    claims = claims_of('"Anyone who crosses the line will pay the price," the general said.')
    assert [c.type.value for c in claims] == ["warning"]

"""Pronouns: "she said" is the person who spoke last, though the recogniser missed her name."""

from __future__ import annotations

from extraction_helpers import ClaimsOf


def test_she_is_the_surname_that_spoke_last(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Mayor Tom Berg opened the new bridge on Monday.\n\n"
        "Okonkwo told reporters the bridge was safe.\n\n"
        '"We checked every bolt," she said.'
    )
    assert [c.speaker for c in claims] == ["Okonkwo", "Okonkwo"]


def test_a_body_the_knowledge_base_knows_is_no_one_a_pronoun_means(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Mayor Tom Berg opened the new bridge on Monday.\n\n"
        "Hezbollah said the border was calm.\n\n"
        '"We checked every bolt," he said.'
    )
    assert claims[-1].speaker == "Tom Berg"


def test_she_is_the_woman_who_spoke_not_the_man_she_named(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The woman said she had travelled to Paris to meet striker Tomas Berg after he "
        "contacted her.\n\n"
        "She said she did not file a complaint at first because she was too shaken."
    )
    assert [c.speaker for c in claims] == ["woman", "woman"]

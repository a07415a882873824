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

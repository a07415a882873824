"""A person titled by an organisation's office, read from the article's words."""

from __future__ import annotations

from extraction_helpers import ClaimsOf

from services.extraction.org_titles import titled_body


def test_an_acronym_the_parser_misreads_still_titles_its_chief(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "WHO chief Ana Lind Okafor told reporters the syrups were linked to deaths. "
        "Okafor, however, has warned that wider distribution could not be ruled out."
    )
    assert ("Ana Lind Okafor", "World Health Organization") in {
        (c.speaker, c.actor) for c in claims
    }


def test_a_portfolio_may_stand_between_the_body_and_the_office() -> None:
    assert (
        titled_body("Ana Lind", "Talks stalled, EU trade chief Ana Lind said.") == "European Union"
    )


def test_offices_that_speak_for_no_body_and_former_holders_give_none() -> None:
    assert titled_body("Jo Park", "Supreme Court nominee Jo Park denied it.") is None
    assert titled_body("Jo Park", "Former NATO chief Jo Park said so.") is None
    assert titled_body("Jo Park", "French President Jo Park said so.") is None  # a country's

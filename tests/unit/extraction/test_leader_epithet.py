"""A leader named by office after their name: "The Moldovan president said" is the person who
just spoke, and every claim of theirs speaks for the country."""

from __future__ import annotations

from extraction_helpers import ClaimsOf


def test_the_countrys_president_is_the_untitled_person_who_spoke_before(
    claims_of: ClaimsOf,
) -> None:
    claims = claims_of(
        "Ivo Marek has denied claims that Moldova was behind the blast. "
        'The Moldovan president said on Wednesday: "We did not attack anyone."',
        title="Marek denies claim Moldova staged blast",
    )
    assert {(c.speaker, c.actor) for c in claims} == {("Ivo Marek", "Moldova")}


def test_a_person_tied_to_another_country_is_not_that_countrys_president(
    claims_of: ClaimsOf,
) -> None:
    claims = claims_of(
        "Ann Lee, Ruritania's envoy, said the talks went well. "
        "The French president said they had failed."
    )
    assert [(c.speaker, c.actor) for c in claims][-1] == ("French president", "France")

"""People described by kinship: the epithet is the story's person, the relative is not "Dorn"."""

from __future__ import annotations

from extraction_helpers import ClaimsOf

STORY = (
    "British socialite Carla Dorn pleaded not guilty on Friday. Dorn faces six counts. "
    "The daughter of late newspaper baron Anton Dorn denies all the allegations against her. "
    "Dorn's lawyer entered a not guilty plea on her behalf."
)


def test_a_kin_epithet_is_the_person_who_shares_the_relatives_family_name(
    claims_of: ClaimsOf,
) -> None:
    speakers = [c.speaker for c in claims_of(STORY)]
    assert speakers[1] == "Carla Dorn"


def test_a_relative_named_in_passing_is_not_whom_the_bare_surname_means(
    claims_of: ClaimsOf,
) -> None:
    lawyer = claims_of(STORY)[-1]
    assert (lawyer.speaker, lawyer.actor) == ("Carla Dorn's lawyer", "Carla Dorn")


def test_a_kin_epithet_with_no_one_of_that_name_stays_unnamed(claims_of: ClaimsOf) -> None:
    claims = claims_of("The daughter of the late tycoon Anton Dorn denied the report on Friday.")
    assert [c.speaker for c in claims] != ["Anton Dorn"]

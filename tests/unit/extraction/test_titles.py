"""Bare titles as speakers: the person named with the title, else the government's country."""

from __future__ import annotations

import pytest
from extraction_helpers import ClaimsOf, only


def test_bare_title_is_the_person_named_with_it_earlier(claims_of: ClaimsOf) -> None:
    text = (
        "LONDON - Health Secretary Jane Doyle said the walkout would delay operations. "
        "The Health Secretary warned that patients would suffer."
    )
    [warning] = only(claims_of(text), type="warning")
    assert (warning.speaker, warning.actor) == ("Jane Doyle", "United Kingdom")


def test_headline_title_is_the_person_named_in_the_body(claims_of: ClaimsOf) -> None:
    title = "Transport Secretary warns of rail chaos"
    text = "PARIS - Transport Secretary Marc Blanc said trains would be cancelled all week."
    claims = claims_of(text, title=title)
    assert {(c.speaker, c.actor) for c in claims} == {("Marc Blanc", "France")}


def test_portfolio_before_a_title_is_no_place(claims_of: ClaimsOf) -> None:
    [claim] = claims_of("Transport Secretary Tom Brill said the strike was regrettable.")
    assert claim.actor != "Transport"


def test_unnamed_minister_speaks_for_the_country_that_spoke(claims_of: ClaimsOf) -> None:
    text = (
        "Norway said the border was calm. "
        "The defence minister warned that any incursion would be met with force."
    )
    [warning] = only(claims_of(text), type="warning")
    assert warning.actor == "Norway"


def test_president_of_a_body_speaks_for_the_body(claims_of: ClaimsOf) -> None:
    [claim] = claims_of("The President of the European Central Bank warned that prices would rise.")
    assert (claim.type.value, claim.actor) == ("warning", "European Central Bank")


def test_unnamed_officials_are_no_title(claims_of: ClaimsOf) -> None:
    text = "Texas officials warned residents to stay off the roads. Officials urged calm."
    assert {c.speaker for c in claims_of(text)} <= {"Texas officials", "officials", "Officials"}


def test_lawyer_for_a_person_speaks_for_the_client(claims_of: ClaimsOf) -> None:
    text = "The lawyer for businessman Otto Brandt, Karl Weiss, said the claims were false."
    [denial] = claims_of(text)
    assert (denial.type.value, denial.speaker, denial.actor) == (
        "denial",
        "Karl Weiss",
        "Otto Brandt",
    )


def test_possessive_lawyer_speaks_for_the_person(claims_of: ClaimsOf) -> None:
    text = "Otto Brandt was charged on Monday. Brandt's lawyer said the charges were baseless."
    [denial] = claims_of(text)
    assert denial.actor == "Otto Brandt"


def test_shadow_title_holder_is_not_the_office_holder(claims_of: ClaimsOf) -> None:
    title = "Health Secretary warns of delays"
    text = (
        "LONDON - Shadow Health Secretary Tom Pike criticised the plan. "
        "Health Secretary Jane Doyle said operations would be delayed."
    )
    speakers = {c.speaker for c in claims_of(text, title=title) if c.sentence == title}
    assert speakers == {"Jane Doyle"}


def test_bare_title_skips_an_earlier_shadow_holder(claims_of: ClaimsOf) -> None:
    text = (
        "LONDON - Health Secretary Jane Doyle spoke on Monday, and shadow health secretary "
        "Tom Pike criticised the plan. The Health Secretary warned that patients would suffer."
    )
    [warning] = only(claims_of(text), type="warning")
    assert warning.speaker == "Jane Doyle"


def test_a_headlines_nameless_role_is_the_person_the_lede_names(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Tom Reed has denied taking money from the contractor. The port authority said the "
        "tender was fair.",
        title="Ex-minister denies bribery in port deal",
    )
    assert [(c.speaker, c.type.value) for c in claims][:2] == [
        ("Tom Reed", "denial"),
        ("Tom Reed", "denial"),
    ]


@pytest.mark.parametrize(
    ("title", "speaker"),
    [
        ("Neighbour's claims over the river 'baseless and absurd': Ruritania", "Ruritania"),
        ("'No link between the outbreak and our food' -- Acme Foods", "Acme Foods"),
        ("'Humanitarian catastrophe' unfolding in the north: UN", "UN"),
        ("Acme CEO Lee: The suggestion that we leaked the memo is 'insulting'", "Acme CEO Lee"),
    ],
)
def test_a_headline_may_name_its_speaker_first_or_last(
    rules_of: ClaimsOf, title: str, speaker: str
) -> None:
    claims = rules_of("Talks went on.", title=title)
    assert [c.speaker for c in claims] == [speaker]


@pytest.mark.parametrize(
    "title", ["Storm season: what you need to know", "Election 2026: Lee wins the vote"]
)
def test_a_rubric_before_a_colon_names_no_speaker(rules_of: ClaimsOf, title: str) -> None:
    assert rules_of("Talks went on.", title=title) == []


def test_a_headline_speaker_the_body_never_names_is_the_ledes(claims_of: ClaimsOf) -> None:
    # the tagger splits "Ex-congressman" and takes "Ex" for a name
    claims = claims_of(
        "Former Rep. Tom Reed denied any wrongdoing on Tuesday.",
        title="Ex-congressman denies 'wrongdoing' in port scheme",
    )
    assert [c.speaker for c in claims] == ["Tom Reed", "Tom Reed"]


def test_an_adverb_in_a_title_case_headline_is_no_part_of_the_name(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Ann Lee spoke on Monday.",
        title="Lee Reportedly Denies Being At The Meeting Where The Deal Was Struck",
    )
    assert [c.speaker for c in claims][:1] == ["Ann Lee"]


def test_a_headline_colon_after_someones_role_names_that_role_as_speaker(
    claims_of: ClaimsOf,
) -> None:
    claims = claims_of(
        "The trial opens on Monday.", title="Dan Roe's lawyer: 'My client did nothing wrong'"
    )
    assert [(c.speaker, c.actor) for c in claims] == [("Dan Roe's lawyer", "Dan Roe")]


def test_a_reporting_verb_the_parser_reads_as_an_auxiliary_still_reports(
    claims_of: ClaimsOf,
) -> None:
    claims = claims_of("The story continues.", title="White House denies report Jones out")
    assert [(c.speaker, c.actor, c.type.value) for c in claims] == [
        ("White House", "United States", "denial")
    ]


def test_a_title_case_headline_verb_is_no_holders_name(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The minister was at a conference in the capital on Sunday.",
        title="Ruritanian Finance Minister Denies Alleged Bribery",
    )
    assert [c.speaker for c in claims] == ["Ruritanian Finance Minister"]

"""A lede that names the role first and the person a sentence later."""

from __future__ import annotations

from extraction_helpers import ClaimsOf

LEDE = (
    "The CEO of software company Acme Corp said Friday his company is “deeply sorry” for "
    "the outage.\n\n"
    "“We are deeply sorry for the disruption we caused,” Ann Lee said in an interview. "
    "“This was not a cyberattack,” she added."
)


def test_the_person_named_after_a_role_only_lede_speaks_for_its_company(
    claims_of: ClaimsOf,
) -> None:
    claims = claims_of(LEDE)
    assert {(c.speaker, c.actor) for c in claims} == {("Ann Lee", "Acme Corp")}


def test_a_person_the_article_ties_elsewhere_keeps_their_tie(claims_of: ClaimsOf) -> None:
    text = LEDE.replace("Ann Lee said", "Ann Lee, an analyst at Beta Research, said")
    claims = claims_of(text)
    assert ("Ann Lee", "Acme Corp") not in {(c.speaker, c.actor) for c in claims}


def test_a_wire_dateline_before_the_lede_changes_nothing(claims_of: ClaimsOf) -> None:
    claims = claims_of("NEW YORK (Reuters) - " + LEDE)
    assert {(c.speaker, c.actor) for c in claims} == {("Ann Lee", "Acme Corp")}


TITLED = (
    "Acmeco's press secretary is refuting claims from a former aide about the company's "
    "founder.\n\n"
    "The former aide posted an essay online on Wednesday.\n\n"
    "However, Press Secretary Dana Whitlow refuted those allegations, calling them "
    "“quite simply false.”"
)


def test_the_lede_role_is_the_person_the_article_titles_with_it(claims_of: ClaimsOf) -> None:
    claims = claims_of(TITLED, title="Press Secretary Denies Claims Against Founder")
    denials = [(c.speaker, c.actor) for c in claims if c.type.value == "denial"]
    assert denials == [("Dana Whitlow", "Acmeco")] * 3

"""Constructions met beyond the dev set: more cue senses, datelines, firms that look like people."""

from __future__ import annotations

import pytest
from extraction_helpers import ClaimsOf


def types(claims_of: ClaimsOf, text: str, title: str = "") -> list[str]:
    return [c.type.value for c in claims_of(text, title=title)]


@pytest.mark.parametrize(
    "text",
    [
        "Acmeco said the story about its plant was made up.",
        "The minister said the report was wrong.",
        "Ruritania said the dossier was nothing but a fantasy.",
        "Acmeco said it does not have any evidence that customer files were taken.",
        "The company confirmed its non-involvement in the scheme.",
        "A spokesman said the club had definitely not sold the striker.",
    ],
)
def test_more_ways_to_call_a_claim_false(claims_of: ClaimsOf, text: str) -> None:
    assert types(claims_of, text) == ["denial"]


def test_made_up_of_is_composition_not_denial(claims_of: ClaimsOf) -> None:
    assert types(claims_of, "The coach said the squad is made up of young players.") == [
        "assertion"
    ]


def test_rejecting_quoted_accusations_in_a_headline(claims_of: ClaimsOf) -> None:
    title = "Ruritania Rejects 'baseless' Spying Accusations Over Drone Flight"
    claims = claims_of("The row began last week.", title=title)
    assert [(c.type.value, c.actor) for c in claims] == [("denial", "Ruritania")]


@pytest.mark.parametrize(
    "text",
    [
        "Ruritania will definitely respond to any new sanctions, the foreign minister said.",
        "Acmeco said it would take legal action against the newspaper.",
        "“Blocking the bridge is prohibited,” the mayor said.",
        "The sheriff told residents to stay indoors.",
        "Officials urged drivers on the coastal road to stay home.",
    ],
)
def test_more_warnings(claims_of: ClaimsOf, text: str) -> None:
    assert types(claims_of, text) == ["warning"]


def test_having_to_react_is_no_threat(claims_of: ClaimsOf) -> None:
    text = "“You have to react to this with a smile,” Ivan Dorov said."
    assert types(claims_of, text) == ["assertion"]


def test_a_denied_story_makes_the_same_sides_negation_a_denial(claims_of: ClaimsOf) -> None:
    text = (
        "“This story is untrue,” a spokesman for Acmeco said. "
        "“The chairman has not met the buyers.”"
    )
    assert types(claims_of, text) == ["denial", "denial"]


def test_negation_without_an_earlier_denial_stays_an_assertion(claims_of: ClaimsOf) -> None:
    text = "“The chairman has not met the buyers,” a spokesman for Acmeco said."
    assert types(claims_of, text) == ["assertion"]


def test_conjoined_negation_shares_its_subject(claims_of: ClaimsOf) -> None:
    text = "Senator Ann Lee said she is on holiday and has not signed the letter."
    assert "denial" in types(claims_of, text)


@pytest.mark.parametrize(
    "text",
    [
        "London, May 4: Acmeco has rejected the allegations.",
        "Tirana, ATA – Acmeco has rejected the allegations.",
    ],
)
def test_a_place_dateline_is_no_speaker(claims_of: ClaimsOf, text: str) -> None:
    assert [(c.speaker, c.type.value) for c in claims_of(text)] == [("Acmeco", "denial")]


def test_a_quoted_lead_in_before_a_headline_colon_is_no_speaker(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Acmeco issued no figures.", title="'Pure invention': Acmeco rejects fraud claims"
    )
    assert [(c.speaker, c.type.value) for c in claims] == [("Acmeco", "denial")]


def test_a_trade_noun_before_a_name_makes_it_a_firm(claims_of: ClaimsOf) -> None:
    text = (
        "Glass maker Vetri Rossi has denied the allegations. "
        "The company said it had always obeyed the law."
    )
    assert [c.speaker for c in claims_of(text)] == ["Vetri Rossi", "Vetri Rossi"]


def test_a_former_boss_is_a_person_not_the_club(claims_of: ClaimsOf) -> None:
    text = (
        "Riverside United have dismissed reports that the manager will leave. "
        "The former Southport boss admitted the results had been poor. "
        "The club insisted that was not the case."
    )
    last = claims_of(text)[-1]
    assert (last.type.value, last.actor) == ("denial", "Riverside United")


def test_saying_on_a_reported_clause_belongs_to_the_reporter(claims_of: ClaimsOf) -> None:
    text = (
        "Ruritania denied a report that its president flew to Rome last week, "
        "saying he had stayed at home."
    )
    assert {c.speaker for c in claims_of(text)} == {"Ruritania"}


def test_a_title_tail_is_not_part_of_the_name(claims_of: ClaimsOf) -> None:
    text = "President-elect Ann Lee said the result was clear."
    assert [c.speaker for c in claims_of(text)] == ["Ann Lee"]


def test_a_quote_running_over_paragraphs_keeps_its_speaker(claims_of: ClaimsOf) -> None:
    text = (
        "Deputy Foreign Minister Ivan Dorov condemned the decision.\n\n"
        "“This decision was taken in haste. It changes nothing.”\n\n"
        "“We will respond, and it will not be our choice.”"
    )
    claims = claims_of(text)
    assert [(c.speaker, c.type.value) for c in claims][-1] == ("Ivan Dorov", "warning")

"""Newswire conventions that say whom a person speaks for: datelines, US party labels, and a
role word that only looks like a first name because it opens the sentence."""

from __future__ import annotations

from extraction_helpers import ClaimsOf


def pairs(claims_of: ClaimsOf, text: str) -> list[tuple[str, str]]:
    return [(c.speaker, c.actor) for c in claims_of(text)]


def test_a_dateline_in_brackets_places_an_unplaced_head_of_government(
    claims_of: ClaimsOf,
) -> None:
    text = "(LONDON) — Prime Minister Ann Lee said reports of a secret deal were fake news."
    assert pairs(claims_of, text) == [("Ann Lee", "United Kingdom")]


def test_a_news_agency_credit_is_no_dateline(claims_of: ClaimsOf) -> None:
    text = "(Bloomberg) -- Finance Minister Ann Lee said reports of a secret deal were untrue."
    assert [actor for _, actor in pairs(claims_of, text)] != ["Bloomberg"]


def test_a_party_label_after_a_name_is_the_party_spoken_for(claims_of: ClaimsOf) -> None:
    text = (
        "House Minority Leader Jan Roe (D-Calif.) accused the agency of lying. "
        "Senate leader Bo Diaz, R-Texas, said the plan was dead."
    )
    assert pairs(claims_of, text) == [
        ("Jan Roe", "Democratic Party"),
        ("Bo Diaz", "Republican Party"),
    ]


def test_a_former_member_speaks_for_no_party(claims_of: ClaimsOf) -> None:
    text = "Former Rep. Al Kent (R-Texas) denied any wrongdoing."
    assert pairs(claims_of, text) == [("Al Kent", "Al Kent")]


def test_a_role_word_opening_the_sentence_is_no_part_of_the_name(claims_of: ClaimsOf) -> None:
    text = "Rapper Jo Bell has denied the allegations. Singer Mara Olsen said the claim was false."
    assert [s for s, _ in pairs(claims_of, text)] == ["Jo Bell", "Mara Olsen"]


def test_the_companys_officer_speaks_for_the_company_named_before(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The European Commission said on Tuesday it had fined Acme Corp for abusing its "
        'dominance. "This decision is unjustified," said Lee Ann Moss, the company\'s vice '
        "president. Jo Park, the firm's spokeswoman, said it would appeal.",
        title="EU fines Acme Corp over search ads",
    )
    assert [(c.speaker, c.actor) for c in claims if c.span.field == "text"] == [
        ("European Commission", "European Commission"),
        ("Lee Ann Moss", "Acme Corp"),
        ("Jo Park", "Acme Corp"),
    ]


def test_a_state_dateline_still_places_a_judge(claims_of: ClaimsOf) -> None:
    claims = claims_of("NEW YORK — Judge Ann Roe warned the defendant he could be jailed.")
    assert [c.actor for c in claims] == ["New York court"]

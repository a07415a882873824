"""The denial and warning constructions real news uses, in sentences written for this project.

Each names a phenomenon the rules alone missed on fresh news (issue 10); the extractor under
test is the shipped one (rules, induced cues and the learned combiner).
"""

from __future__ import annotations

import pytest
from extraction_helpers import ClaimsOf

# Known gap: threat idioms are features of the combiner, but too rare in the corpus (and in our
# own examples) for their weight to beat the prior for a plain "said" (P(warning) 0.41-0.47).


def types_by(claims_of: ClaimsOf, text: str, title: str = "") -> set[tuple[str, str]]:
    return {(c.type.value, c.speaker) for c in claims_of(text, title=title)}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Harold Vance pleaded not guilty to all counts on Monday.", "Harold Vance"),
        ("The former mayor, Ines Calder, pleads not guilty to bribery charges.", "Ines Calder"),
        ("Marta Quill has always maintained her innocence.", "Marta Quill"),
        ("Tomas Reyes called the story total rubbish.", "Tomas Reyes"),
        ("Tomas Reyes dismissed the report as fake news.", "Tomas Reyes"),
        ("Tomas Reyes said the allegations were a joke.", "Tomas Reyes"),
        ("Tomas Reyes said he has never heard of any such request.", "Tomas Reyes"),
    ],
)
def test_denials_in_their_many_forms(claims_of: ClaimsOf, text: str, speaker: str) -> None:
    found = types_by(claims_of, text)
    assert any(t == "denial" and speaker.split()[-1] in s for t, s in found), found


def test_lawyer_denies_for_the_client(claims_of: ClaimsOf) -> None:
    text = (
        "Lena Ortiz, a lawyer for Brannock Holdings, said the firm strenuously denies the claims."
    )
    claims = claims_of(text)
    assert any(c.type.value == "denial" for c in claims), claims


@pytest.mark.parametrize(
    "title",
    [
        "Ministry says it never asked for help",
        "PM not resigning, says spokesman",
    ],
)
def test_headline_denials(claims_of: ClaimsOf, title: str) -> None:
    claims = claims_of("The statement came on Tuesday.", title=title)
    assert any(c.type.value == "denial" for c in claims), claims


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Olaf Brenner said Ruritania will not sit idly by while its ships are seized.", "Brenner"),
        ("Olaf Brenner said those who play with fire will get burned.", "Brenner"),
        ("If the drills go ahead, we will respond, Olaf Brenner said.", "Brenner"),
        ("The central bank will not hesitate to raise rates, governor Ana Soto said.", "Soto"),
        ("Pellam Foods issued a profit warning on Thursday.", "Pellam Foods"),
    ],
)
def test_warnings_in_their_many_forms(claims_of: ClaimsOf, text: str, speaker: str) -> None:
    found = types_by(claims_of, text)
    assert any(t == "warning" and speaker in s for t, s in found), found


def test_trailing_warns_after_a_quoted_headline(claims_of: ClaimsOf) -> None:
    title = "'Stay out of our waters', warns Ruritania navy chief"
    claims = claims_of("The navy spoke on Friday.", title=title)
    assert any(c.type.value == "warning" for c in claims), claims


def test_capitalised_subhead_warning(claims_of: ClaimsOf) -> None:
    text = "Talks stalled on Monday.\nFRANCE WARNS ITALY\nParis said any breach would be punished."
    claims = claims_of(text)
    assert any(c.type.value == "warning" and c.actor == "France" for c in claims), claims


def test_phrasal_verbs_aimed_at_an_allegation_are_denials(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Speaking before the derby, coach Marco Ruiz shot down those suggestions. "
        "Acme hit back at claims that it had missed a payment. "
        "Pop star Lena Moss turned down the rumours that she had left her band. "
        "The union turned down the offer on Friday."
    )
    assert [(c.speaker, c.type.value, c.cue) for c in claims] == [
        ("Marco Ruiz", "denial", "shot down"),
        ("Acme", "denial", "hit back"),
        ("Lena Moss", "denial", "turned down"),
    ]  # turning down an offer is no speech act


def test_a_cue_in_the_writers_scare_quotes_is_still_the_cue(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Stage actor Tom Vale “strenuously denies” allegations that he assaulted a stagehand, "
        "a court in Leeds has heard."
    )
    assert [(c.speaker, c.type.value) for c in claims] == [("Tom Vale", "denial")]


def test_a_statement_introduced_by_a_line_is_its_authors(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Mayor Ann Lee's office denied allegations from a former aide on Thursday.\n\n"
        "Full statement sent to WXYZ from the mayor's office:\n\n"
        '"These allegations are categorically false. No such meeting ever took place."'
    )
    assert [(c.actor, c.type.value) for c in claims] == [("Ann Lee", "denial")] * 3


def test_denying_someone_bail_is_a_refusal_not_a_denial(claims_of: ClaimsOf) -> None:
    claims = claims_of("A Wexland judge has denied Tom Vale bail, calling him a flight risk.")
    assert {c.type.value for c in claims} == {"assertion"}
    assert types_by(claims_of, "Acme denied the claims in the report.") == {("denial", "Acme")}


def test_a_trend_denied_is_no_denial(rules_of: ClaimsOf) -> None:
    claims = rules_of("Prices are not falling, the economist said.")
    assert [c.type.value for c in claims] == ["assertion"]


@pytest.mark.parametrize(
    "title",
    ["Ministry says it never asked for help", "PM not resigning, says spokesman"],
)
def test_headline_denials_by_the_rules_alone(rules_of: ClaimsOf, title: str) -> None:
    claims = rules_of("The statement came on Tuesday.", title=title)
    assert any(c.type.value == "denial" for c in claims), claims

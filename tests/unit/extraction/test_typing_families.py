"""Families of typing constructions that recur in news: phrases split by the parser or by
scare quotes, a deed said to be impossible, emphatic rebuttals whoever did the deed,
prohibitions, penalties to come, and what an authority asks of the public."""

from __future__ import annotations

import pytest
from extraction_helpers import ClaimsOf


def types(claims_of: ClaimsOf, text: str, title: str = "") -> list[str]:
    return [c.type.value for c in claims_of(text, title=title)]


@pytest.mark.parametrize(
    "text",
    [
        # scare quotes inside a phrase the patterns read whole
        "The harbour office said it is not “privy to the spill”.",
        'The club said the transfer story was "without foundation" and "untrue".',
        # an emphatic rebuttal for past and future, whoever the deed's doer
        "The navy “has not and will not enter Borduran waters,” said Admiral Tomas Varga.",
        "Admiral Tomas Varga said the fleet hasn't and won't leave port.",
        # a deed said to be impossible
        "Dr Ann Lee argued the diesel could not have produced the black residue on the beach.",
        "The engineer said the valve cannot have failed on its own.",
        # a result that does not hold up
        "The Northfield lab said it was unable to replicate the results of the experiment.",
        # belittling what was reported
        "Mr Cole argued the memo was nothing more than a newspaper clipping forwarded to him.",
    ],
)
def test_denials_phrased_as_rebuttals(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["denial"]


@pytest.mark.parametrize(
    "text",
    [
        '"We could not have done it without our volunteers," Jane Roe said.',
        '"We could not have been happier with the result," Jane Roe said.',
        '"Our team wants nothing more than a fair hearing," Jane Roe said.',
        "The lab said it was able to replicate the results of the experiment.",
    ],
)
def test_praise_and_wishes_deny_nothing(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["assertion"]


@pytest.mark.parametrize(
    "text",
    [
        # "cannot" and "won't" come apart in the parse; the patterns read them whole
        "“We cannot let this attack on our farmers stand,” said Premier Joan Ruiz.",
        "“The province will not — we cannot — let this raid on pensions stand,” said Joan Ruiz.",
        # a prohibition
        "Interior minister Eva Holm said: “The bridges are not to be blocked.”",
        # penalties to come
        "Minister Eva Holm said every lapse in the tower will be thoroughly investigated.",
        "Minister Eva Holm said those who sold the fake tickets will be held accountable.",
        # a response promised in a manner that threatens, quoted or not
        'Ruritania to respond "resolutely" to speculative currency moves, finance chief says.',
        "Minister Eva Holm said the government would robustly respond to any blockade.",
    ],
)
def test_warnings_the_parse_split_or_the_law_backs(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["warning"]


@pytest.mark.parametrize(
    "text",
    [
        "Interior minister Eva Holm said: “This plan is not to be confused with the old one.”",
        "Minister Eva Holm said the new tower will be completed in spring.",
    ],
)
def test_plain_statements_of_the_same_shape(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["assertion"]


@pytest.mark.parametrize(
    "text",
    [
        "The water board urged residents to boil their tap water.",
        "“We ask our customers to send their parcels early this year,” said Tom Reed.",
        "“We are asking people to stay off the bridge,” said Commissioner Dan Roe.",
    ],
)
def test_what_an_authority_asks_of_the_public_warns(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["warning"]


def test_an_invitation_to_the_public_warns_of_nothing(rules_of: ClaimsOf) -> None:
    text = "The mayor, Tom Reed, urged residents to attend the festival on Sunday."
    assert types(rules_of, text) == ["assertion"]


@pytest.mark.parametrize(
    "text",
    [
        "The spokesman, Tom Reed, said the rebels had only reached the airstrip and not the base.",
        "The fire was started by a faulty heater, not by arson, fire chief Ann Lee said.",
        "Ann Lee said it was a training exercise, not an invasion.",
    ],
)
def test_a_correction_of_what_happened_denies(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["denial"]


def test_a_headline_correction_denies(rules_of: ClaimsOf) -> None:
    title = "Ruritania says rebels not army shelled the village"
    claims = rules_of("The village lies near the border.", title=title)
    assert [c.type.value for c in claims if c.span.field == "title"] == ["denial"]


@pytest.mark.parametrize(
    "text",
    [
        "“We want peace, not war,” Ann Lee said.",
        "“It is the voters, not the parties, who decide,” Ann Lee said.",
        "Ann Lee said not all members agreed.",
    ],
)
def test_a_stance_by_contrast_corrects_nothing(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["assertion"]


def test_a_practice_with_no_doer_among_ones_own(rules_of: ClaimsOf) -> None:
    text = "Acmeco said none of its plants discharge water into the river."
    assert types(rules_of, text) == ["denial"]
    text = "“None of us knows what the vote will bring,” Ann Lee said."
    assert types(rules_of, text) == ["assertion"]


def test_a_lawyer_clears_the_client(rules_of: ClaimsOf) -> None:
    title = "Bill Roe's attorney: 'My client is not guilty' of fraud charges"
    claims = rules_of("The trial opens in May.", title=title)
    assert [c.type.value for c in claims if c.span.field == "title"] == ["denial"]


def test_rejecting_an_argument_denies_it(rules_of: ClaimsOf) -> None:
    text = "The regulator, Foodsafe, rejected these arguments in a letter on Monday."
    assert types(rules_of, text) == ["denial"]


def test_a_limit_is_no_correction(rules_of: ClaimsOf) -> None:
    text = "Operations chief Ann Lee said the lake was safe for boating but not for swimming."
    assert types(rules_of, text) == ["assertion"]


@pytest.mark.parametrize(
    "text",
    [
        "Singer Mara Olsen called the incident “a setup” in a video on Sunday.",
        '"The recordings published by the Daily Star have been manipulated," Tom Reed said.',
        "The regulator, Foodsafe, said the company's claim was not tenable.",
    ],
)
def test_evidence_called_doctored_or_staged(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["denial"]


def test_a_deed_called_rigged_accuses(rules_of: ClaimsOf) -> None:
    text = '"The election results were manipulated," opposition leader Tom Reed said.'
    assert types(rules_of, text) != ["denial"]


@pytest.mark.parametrize(
    "text",
    [
        "The safety agency, Safeco, advises keeping the heater in a locked room.",
        '"If the audit finds fraud, we will report it to the public prosecutor," a Bankco'
        " spokesperson said.",
    ],
)
def test_advice_without_addressee_and_referral_to_the_law(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["warning"]


@pytest.mark.parametrize(
    "text",
    [
        "Acme urged Ruritania to return to the talks.",
        "Acme advised that its results would be published on Friday.",
        "The tourist board advises visiting the old town at dusk.",
    ],
)
def test_advice_that_warns_of_nothing(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["assertion"]


@pytest.mark.parametrize(
    "text",
    [
        '"We want to correct the incorrect connection drawn between the recall and the fire,"'
        " Acmeco said.",
        "Acmeco rejected any link between its plant and the illness.",
    ],
)
def test_a_link_rejected(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["denial"]


def test_in_connection_with_is_no_link_rejected(rules_of: ClaimsOf) -> None:
    text = "Tom Reed was arrested in connection with false invoices, the police said."
    assert types(rules_of, text) == ["assertion"]


@pytest.mark.parametrize(
    "text",
    [
        "The contaminated syrup may have been sold, through online shops, in other states, the"
        " health agency said.",
        "The recalled cots may also have been shipped to other countries, the safety regulator"
        " said.",
    ],
)
def test_a_harm_that_may_have_spread_warns(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["warning"]


def test_a_sale_to_other_buyers_warns_of_nothing(rules_of: ClaimsOf) -> None:
    assert types(rules_of, "Acmeco said it could sell the plant to other investors.") == [
        "assertion"
    ]


def test_urged_to_remain_calm_reassures(rules_of: ClaimsOf) -> None:
    assert types(rules_of, "Police chief Ann Lee urged residents to remain calm.") == ["assertion"]
    text = "Police chief Ann Lee urged people to stay calm and avoid the area."
    assert types(rules_of, text) == ["warning"]


@pytest.mark.parametrize(
    "text",
    [
        "Violators could face up to five years in prison, the ministry said.",
        "Ruritania will suspend gas deliveries unless Borduria pays its debt, Ann Lee said.",
        "Those who fail to register will lose their licences, the agency said.",
        "Ann Lee said the firm risks losing its licence if it misses the deadline.",
    ],
)
def test_penalties_and_losses_held_over_someone(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["warning"]


@pytest.mark.parametrize(
    "text",
    [
        "People who recycle will save money, the council said.",
        "The team risks losing its best player to a rival, coach Ann Lee said.",
        "Acme could face stiff competition in Asia, analyst Tom Reed said.",
    ],
)
def test_gains_and_market_risks_threaten_no_one(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["assertion"]


def test_a_word_censored_in_print_is_a_crude_verdict(rules_of: ClaimsOf) -> None:
    assert types(rules_of, '"It is total c**p," singer Ann Lee said.') == ["denial"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The hackers repeatedly claimed not to have stolen the payroll data.", "denial"),
        ("The club insisted not to have broken any transfer rules.", "denial"),
        # a state seen, not a deed denied
        ("The firm said it appeared not to have been affected by the outage.", "assertion"),
    ],
)
def test_a_deed_denied_in_the_perfect_infinitive(
    rules_of: ClaimsOf, text: str, expected: str
) -> None:
    assert [c.type.value for c in rules_of(text)] == [expected]


def test_a_known_leader_of_the_speakers_side_did_not(rules_of: ClaimsOf) -> None:
    # the knowledge base says Macron speaks for France, as the presidential office does
    text = "The French presidential office said Macron never suggested resigning."
    assert types(rules_of, text) == ["denial"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # where someone was is no deed denied
        ("A Kremlin spokesman said Vladimir Putin was not in Ostrava at the time.", "assertion"),
        ("Ruritania said it was not in Ostrava at the time.", "assertion"),
        # but being behind or part of something is
        ("Ruritania said it was not behind the attack.", "denial"),
    ],
)
def test_a_place_someone_was_not_is_no_deed(rules_of: ClaimsOf, text: str, expected: str) -> None:
    assert types(rules_of, text) == [expected]


def test_not_responsible_denies_a_part_in_it(claims_of: ClaimsOf) -> None:
    title = "Ruritania says drones came from Wexland, Wexland says not responsible"
    claims = claims_of("Officials spoke on Monday.", title=title)
    assert ("Wexland", "denial") in [(c.speaker, c.type.value) for c in claims]

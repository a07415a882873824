"""Typing constructions met in cross-validation: what calls a claim false, what only hedges,
and negations that deny a practice rather than report an inability or a stance."""

from __future__ import annotations

import pytest
from extraction_helpers import ClaimsOf


def types(claims_of: ClaimsOf, text: str, title: str = "") -> list[str]:
    return [c.type.value for c in claims_of(text, title=title)]


@pytest.mark.parametrize(
    "text",
    [
        '"Both of these elements are totally false, I am not running," Jane Roe added.',
        '"It is total bulls*** that we sold him," Jane Roe told the radio station.',
        "Jane Roe said it's total BS that she skipped the rehearsal.",
        '"What the tabloid writes about our finances is a joke," Jane Roe said.',
    ],
)
def test_a_claim_said_to_be_false(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["denial"]


@pytest.mark.parametrize(
    "text",
    [
        '"The punishment they handed out is a joke," Jane Roe said.',
        '"This decision is wrong," Jane Roe said.',
    ],
)
def test_calling_a_deed_a_joke_denies_nothing(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["assertion"]


@pytest.mark.parametrize(
    "text",
    [
        "The bank said there was no indication that customer money had been taken.",
        "The bank said there was no suggestion of misuse.",
    ],
)
def test_no_indication_only_hedges(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["assertion"]


@pytest.mark.parametrize(
    "text",
    [
        '"We don\'t shell villages, we defend our own towns," Jane Roe said.',
        "Acmeco said it does not dump waste into the river.",
        '"I will not be distracted by baseless allegations," Jane Roe added.',
    ],
)
def test_denied_practices_and_deeds(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["denial"]


def test_a_deed_denied_for_the_past_and_the_future(rules_of: ClaimsOf) -> None:
    # the parser heads the clause on "have" and on "cross": the first says it was not done
    text = '"We have not and will not cross the border," Jane Roe said.'
    assert types(rules_of, text)[0] == "denial"


@pytest.mark.parametrize(
    "text",
    [
        '"We do not want a war with anyone," Jane Roe said.',
        '"We do not make such decisions casually," Jane Roe said.',
        '"Despite our efforts, we have not been able yet to find a deal," Jane Roe said.',
        '"A letter like that should never have been written," Jane Roe said.',
        'Acmeco denied the story. "Our workers won\'t be silenced," an Acmeco spokesman said.',
    ],
)
def test_stances_inabilities_and_judgements_deny_nothing(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text)[-1] == "assertion"


@pytest.mark.parametrize(
    "text",
    [
        "The warning was announced by the bloc's negotiator, Jane Roe.",
        "The remarks followed a warning from the ministry, in which Jane Roe said the rebels must"
        " lay down their arms.",
        "The government has vowed to use all possible means to stop the vote.",
    ],
)
def test_warnings_named_by_their_noun_or_means(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["warning"]


@pytest.mark.parametrize(
    "text",
    [
        "Jane Roe described the threats as a bluff.",
        '"We don\'t have those files and we told the bank so," Jane Roe said.',
    ],
)
def test_a_threat_spoken_of_and_a_thing_not_held(rules_of: ClaimsOf, text: str) -> None:
    assert "warning" not in types(rules_of, text) and "denial" not in types(rules_of, text)


def test_a_full_statement_after_a_warning_is_typed_on_its_own(rules_of: ClaimsOf) -> None:
    # a short follow-up ("This flood is different.") carries the warning on; a sentence with
    # its own full content is typed by that content
    text = (
        "Mayor Tom Reyes said: “Do not drive through flood water. The county opened three new"
        " shelters and a call centre for residents on Tuesday afternoon.”"
    )
    assert types(rules_of, text) == ["warning", "assertion"]


@pytest.mark.parametrize(
    "text",
    [
        '"We will not confirm any statement when we have not been consulted," Jane Roe said.',
        "The ministry went to the council, pledging to defend its position.",
    ],
)
def test_no_denial_or_warning_in_these(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["assertion"]


@pytest.mark.parametrize(
    "text",
    [
        # a second clause sharing its subject is no imperative ("do not represent ...")
        '"These claims about the bridge are inaccurate and do not represent the work Acmeco has'
        ' done," an Acmeco spokesman said.',
        # telling people not to panic reassures them
        "Jane Roe said there was no case of the virus in the state and people should not panic.",
    ],
)
def test_no_warning_beside_a_denial(rules_of: ClaimsOf, text: str) -> None:
    assert "warning" not in types(rules_of, text)
    assert "denial" in types(rules_of, text)


@pytest.mark.parametrize(
    "text",
    [
        '"The authors of these lies should back up their claim or face the full wrath of the'
        ' law," Jane Roe said.',
        '"Should he repeat this claim, the senator shall, on legal advice, take remedial action,"'
        " Jane Roe said.",
        '"If they publish it, we will take action," Jane Roe said.',
    ],
)
def test_conditional_and_alternative_threats(rules_of: ClaimsOf, text: str) -> None:
    assert "warning" in types(rules_of, text)


@pytest.mark.parametrize(
    "text",
    [
        '"You should not be there tomorrow," Mayor Tom Reyes said.',
        '"Residents should not be on the roads tonight," Mayor Tom Reyes said.',
    ],
)
def test_telling_people_not_to_be_somewhere_still_warns(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["warning"]


def test_telling_people_not_to_be_alarmed_reassures(rules_of: ClaimsOf) -> None:
    text = '"Residents should not be alarmed by the sirens," Mayor Tom Reyes said.'
    assert types(rules_of, text) == ["assertion"]


@pytest.mark.parametrize(
    "text",
    [
        'Jane Roe said: "Your repeated violations threaten to disrupt the hearing."',
        "Jane Roe said the storm threatens winds of 60 mph along the coast.",
        "Jane Roe said her office had been warned months ago.",
    ],
)
def test_a_warning_verb_of_another_subject_is_not_the_speakers(
    rules_of: ClaimsOf, text: str
) -> None:
    assert types(rules_of, text) == ["assertion"]


def test_a_warning_announced_in_the_passive_still_warns(rules_of: ClaimsOf) -> None:
    text = "Jane Roe said all the mayors would be warned over their duty to obey the court."
    assert types(rules_of, text) == ["warning"]


@pytest.mark.parametrize(
    "text",
    [
        "Jane Roe said: “We don’t attack villages, we defend our own towns.”",
        "Acme Rossi did not hand the striker an ultimatum, according to Acme Rossi chief Jane Roe.",
        "The club insisted that negotiations have not even begun.",
        "The port authority said it is not privy to the accident.",
    ],
)
def test_more_rebuttals(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["denial"]


def test_not_distracted_by_baseless_allegations(rules_of: ClaimsOf) -> None:
    # the parser makes "remain" and "distracted" two heads: the second one denies
    text = (
        '"I remain focused on my work and will not be distracted by baseless allegations,"'
        " Jane Roe added."
    )
    assert "denial" in types(rules_of, text)


@pytest.mark.parametrize(
    "text",
    [
        '"Our town has had enough," Mayor Tom Reyes added.',
        '"This storm is not one to play around with," Mayor Tom Reyes said.',
        '"It would bring a very real risk of blackouts," Mayor Tom Reyes said.',
        '"Those who block the roads will have to pay," Mayor Tom Reyes said.',
        '"The data will require a stronger response than we thought," Dr Ann Lee said.',
        '"As a precaution, consider closing your windows tonight," Mayor Tom Reyes said.',
        '"Some further tightening of policy may well be needed," Dr Ann Lee said.',
        '"The pause does not imply that rate rises are over," Dr Ann Lee said.',
    ],
)
def test_more_warning_idioms(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["warning"]


def test_a_precaution_taken_is_no_warning(rules_of: ClaimsOf) -> None:
    text = "Acmeco said it had withdrawn the batches as a precaution."
    assert types(rules_of, text) == ["assertion"]


@pytest.mark.parametrize(
    "text",
    [
        'Acmeco denied the story. "We will not comment on a report when Acmeco has not been'
        ' consulted," an Acmeco spokesman said.',
        "\"Those behind this campaign simply cannot accept that a farmer's son could rise to"
        ' be a senator," Jane Roe said.',
        '"To deny the power of the agency is to deny your own safety rules," Jane Roe said.',
    ],
)
def test_no_denial_or_warning_in_these_either(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text)[-1] == "assertion"


@pytest.mark.parametrize(
    "text",
    [
        '"The memo is not an official report, plain and simple," Jane Roe said.',
        '"We would never do that to our own staff," Jane Roe said.',
    ],
)
def test_what_was_reported_is_not_what_it_was_called(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["denial"]


def test_a_thing_not_what_one_might_think_is_no_denial(rules_of: ClaimsOf) -> None:
    text = '"The statue is not an empty symbol," Jane Roe wrote.'
    assert types(rules_of, text) == ["assertion"]


@pytest.mark.parametrize(
    "text",
    [
        "Acmeco says those stories were incorrect.",
        '"The insinuation that we leaked the list was insulting and irresponsible," Jane Roe said.',
        '"My family and my name have been destroyed by vicious and false accusations," Jane Roe'
        " said.",
    ],
)
def test_claims_called_wrong_or_contemptible(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["denial"]


def test_a_deed_called_irresponsible_accuses(rules_of: ClaimsOf) -> None:
    text = '"The attack on the convoy was irresponsible," Jane Roe said.'
    assert types(rules_of, text) == ["accusation"]


def test_dismissing_comments_denies(rules_of: ClaimsOf) -> None:
    text = "Acmeco issued a statement dismissing comments by the governor on price cuts."
    assert types(rules_of, text) == ["denial"]


def test_legal_action_being_considered_warns(rules_of: ClaimsOf) -> None:
    text = "Jane Roe said legal action is being considered in response to the post."
    assert types(rules_of, text) == ["warning"]


def test_a_retaliatory_campaign_reported_is_no_warning(rules_of: ClaimsOf) -> None:
    text = "Ruritania's retaliatory campaign has killed 300 people, according to the ministry."
    assert types(rules_of, text) == ["assertion"]


@pytest.mark.parametrize(
    "text",
    [
        '"The reality is the polar opposite," Jane Roe said in a statement.',
        "Jane Roe added that a panel has been set up to respond to false allegations made by"
        " the agencies.",
    ],
)
def test_answering_false_claims_and_the_opposite(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["denial"]


@pytest.mark.parametrize(
    "text",
    [
        "Jane Roe said the raid left the country with no options but to strike back.",
        '"I am sure the leagues will do the same sanctions as we will," Jane Roe said.',
    ],
)
def test_forced_hands_and_sanctions_to_come(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["warning"]


def test_crude_dismissal_after_a_broken_subject(rules_of: ClaimsOf) -> None:
    text = (
        '"The fact that some outlet writes we would sell him - it said so last week - is total'
        ' bulls***," Jane Roe told the radio station.'
    )
    assert types(rules_of, text) == ["denial"]


def test_low_lying_land_is_no_lie(rules_of: ClaimsOf) -> None:
    text = (
        '"There is a possibility of life-threatening flooding in low-lying coastal villages,"'
        " the weather service said."
    )
    assert types(rules_of, text) == ["warning"]


def test_wrong_news_denies(rules_of: ClaimsOf) -> None:
    assert types(rules_of, '"It is wrong news," Jane Roe said.') == ["denial"]


def test_no_reason_to_stop_is_no_warning(rules_of: ClaimsOf) -> None:
    text = '"There is no reason to stop using the heater," the company said.'
    assert types(rules_of, text) == ["assertion"]


def test_not_allowing_that_still_warns(rules_of: ClaimsOf) -> None:
    text = '"We will not allow that to go forward," Jane Roe said.'
    assert types(rules_of, text) == ["warning"]


@pytest.mark.parametrize(
    "text",
    [
        "Jane Roe did not deny reports that her office had removed the clause.",
        "Police did not say where the two warrants were executed.",
        "The ministry would not comment on whether the talks had failed.",
    ],
)
def test_a_reporting_verb_negated_reports_nothing(claims_of: ClaimsOf, text: str) -> None:
    assert claims_of(text) == []

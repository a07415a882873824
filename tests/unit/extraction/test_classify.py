"""Typing: denial, warning, accusation and assertion from cues, their senses and what is said."""

from __future__ import annotations

import pytest
from extraction_helpers import ClaimsOf


def types(claims_of: ClaimsOf, text: str) -> list[str]:
    return [c.type.value for c in claims_of(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The Kremlin denied that it had moved troops to the border.",
        "The ministry denied the allegations.",
        "Acmeco rejected the report as false.",
        "Acmeco rejects allegations of fraud.",
        "The embassy dismissed the claims as baseless.",
        "Mayor Tom Reyes refuted the accusations.",
        "The ministry said the reports were “disinformation”.",
        "Acmeco said the article was full of false and misleading allegations.",
        # a rival's statement shot down, misinformation hit out at
        "President Ana Ruiz on Tuesday shot down a statement by the agency about a raid.",
        "Police hit out at misinformation after false reports of a kidnapping.",
        # the truth of a report questioned
        "The president questioned the reliability of the agency's figures.",
        "The union questioned the report.",
    ],
)
def test_denials(claims_of: ClaimsOf, text: str) -> None:
    assert types(claims_of, text) == ["denial"]


def test_rejecting_a_proposal_is_not_a_denial(claims_of: ClaimsOf) -> None:
    assert types(claims_of, "Ruritania rejected the proposal for a ceasefire.") == ["assertion"]


def test_negation_rebutting_an_allegation_is_a_denial(claims_of: ClaimsOf) -> None:
    text = "Kremlin spokesman Ivan Dorov said Russia has not asked Iran for drones."
    assert types(claims_of, text) == ["denial"]


# The rules' own verdict (the learned combiner's `rule=` signal). The shipped extractor's
# combiner overrules it here: its word classes see "not"/"unfounded"/"false" but not the
# structure that makes these no denial; cross-validation on real news still favoured it
# (README, "How well it extracts").
def test_negation_about_the_future_or_others_is_an_assertion(rules_of: ClaimsOf) -> None:
    assert types(rules_of, "Japan said it is not seeking a confrontation.") == ["assertion"]
    assert types(rules_of, "Police said the missing woman has not been found.") == ["assertion"]


def test_negation_and_a_positive_point_give_two_claims(claims_of: ClaimsOf) -> None:
    text = (
        "Ivan Dorov, a Kremlin spokesman, said Russia had not asked Iran for drones "
        "and had enough of its own."
    )
    assert sorted(types(claims_of, text)) == ["assertion", "denial"]


@pytest.mark.parametrize(
    "text",
    [
        "The general warned that the ceasefire could collapse.",
        "Brazil threatened to expel the diplomats.",
        "“There will be consequences,” Minister Ana Lobo said.",
        "“We will not allow our airspace to be violated,” Minister Ana Lobo said.",
        "Minister Ana Lobo said Brazil would respond firmly to any aggression.",
        "Minister Ana Lobo said all suppliers were on notice.",
        "Ruritania has vowed to defend its borders.",
        "The Health Ministry urged people to stop drinking tap water.",
        "“People should avoid travel to the valley,” health official Ben Cole said.",
        "“Don't go near the river,” Mayor Tom Reyes said.",
    ],
)
def test_warnings(claims_of: ClaimsOf, text: str) -> None:
    assert types(claims_of, text) == ["warning"]


def test_advice_without_danger_is_an_assertion(claims_of: ClaimsOf) -> None:
    assert types(claims_of, "Mayor Tom Reyes urged residents to attend the festival.") == [
        "assertion"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Ruritania accused Borduria of shelling the port.",
        "Ruritania blamed Borduria for the blackout.",
        "The lawsuit alleges that Acmeco hid the losses.",
        "Minister Ana Lobo said Borduria had been spreading disinformation for months.",
        "Minister Ana Lobo said the rebel leader lied to his own people.",
    ],
)
def test_accusations(claims_of: ClaimsOf, text: str) -> None:
    assert types(claims_of, text) == ["accusation"]


def test_target_of_a_warning_is_the_warned_actor(claims_of: ClaimsOf) -> None:
    claims = claims_of("The United States warned China against supplying weapons.")
    assert [(c.type.value, c.actor, c.target) for c in claims] == [
        ("warning", "United States", "China")
    ]


def test_target_of_an_accusation(claims_of: ClaimsOf) -> None:
    claims = claims_of("Beijing accused Washington of spreading rumours.")
    assert [(c.actor, c.target) for c in claims] == [("China", "United States")]


@pytest.mark.parametrize(
    "text",
    [
        "Acmeco insisted it had done nothing wrong.",
        "The senator said he was not involved in the scheme.",
        "“This never happened,” said Foreign Minister Lin Wei.",
        "The ministry called the reports “lies”.",
    ],
)
def test_denials_without_a_denial_verb(claims_of: ClaimsOf, text: str) -> None:
    assert types(claims_of, text) == ["denial"]


def test_calling_a_meeting_is_no_speech_act(claims_of: ClaimsOf) -> None:
    assert claims_of("The mayor called a meeting for Monday.") == []


def test_vow_to_retaliate_is_a_warning(claims_of: ClaimsOf) -> None:
    assert types(claims_of, "Ruritania vowed to retaliate against the new tariffs.") == ["warning"]
    assert types(claims_of, "Ruritania vowed to rebuild the bridge.") == ["assertion"]


def test_countermeasures_are_warnings(claims_of: ClaimsOf) -> None:
    text = "Borduria will take countermeasures against the firms, the foreign ministry said."
    assert types(claims_of, text) == ["warning"]


def test_negated_intention_is_not_a_denial(claims_of: ClaimsOf) -> None:
    text = "The police chief says he's not going to send officers into the flood."
    assert types(claims_of, text) == ["assertion"]


# The rules' own verdict (the learned combiner's `rule=` signal). The shipped extractor's
# combiner overrules it here: its word classes see "not"/"unfounded"/"false" but not the
# structure that makes these no denial; cross-validation on real news still favoured it
# (README, "How well it extracts").
@pytest.mark.parametrize(
    "text",
    [
        "“The embargo was based on unfounded claims about our navy,” minister Ivo Marr said.",
        "“Ruritania was guided by distorted and baseless fears of our army,” Ivo Marr said.",
        "Ivo Marr said the tariffs rest on false allegations spread by Ruritania.",
        "Ivo Marr said Ruritania acted on groundless suspicions.",
    ],
)
def test_calling_the_other_sides_premise_unfounded_is_no_denial(
    rules_of: ClaimsOf, text: str
) -> None:
    assert "denial" not in types(rules_of, text)


@pytest.mark.parametrize(
    "text",
    [
        "The embassy dismissed the report as unfounded.",
        "Minister Ivo Marr called the allegations baseless.",
        "“These claims are unfounded,” minister Ivo Marr said.",
        "Ivo Marr said the report was based on fabricated evidence.",
        "Ivo Marr dismissed it as a baseless rumour.",
        "Ivo Marr said he was the victim of false allegations.",
    ],
)
def test_disputing_a_report_against_ones_side_is_still_a_denial(
    claims_of: ClaimsOf, text: str
) -> None:
    assert types(claims_of, text) == ["denial"]


# The rules' own typing of general warning constructions (the combiner's `rule=` signal).
@pytest.mark.parametrize(
    "text",
    [
        "Acme said players who join the rival league will be banned from the cup.",
        "Prosecutor Ann Lee said the organisers could be charged with fraud.",
        "“The storm remains a significant threat to the coast,” Governor Ann Lee said.",
        "“You had better brace yourselves,” Ann Lee added.",
        "“The drought will greatly increase the likelihood of crop failure,” the agency said.",
        "The army said it will take strong and resolute measures to safeguard the border.",
        "The next step, Judge Ann Lee told Tom Reyes, would be imprisonment.",
    ],
)
def test_rule_warnings_of_penalty_threat_and_risk(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["warning"]


# Verdicts on an allegation ("called the claims idiotic"), inaccuracy, innocence, no link.
@pytest.mark.parametrize(
    "text",
    [
        "Ann Lee called the allegations “idiotic” and “heinous”.",
        "Acme called the claims a malicious concoction.",
        "“The figures in the report are inaccurate,” Acme said.",
        "“The insinuation that we leaked the plan is insulting,” Ann Lee said.",
        "“The recordings have been doctored,” Ann Lee said.",
        "Tom Reyes maintains his innocence, his lawyer Ann Lee said.",
        "“There is no link between the vaccine and the deaths,” Ann Lee said.",
    ],
)
def test_rule_denials_by_verdict_and_innocence(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["denial"]


def test_a_verdict_on_conduct_is_no_denial(rules_of: ClaimsOf) -> None:
    text = "Ann Lee said the behaviour of the rebels was outrageous."
    assert types(rules_of, text) == ["assertion"]


def test_quote_marks_inside_a_warning_phrase(rules_of: ClaimsOf) -> None:
    text = "Ann Lee said the strike would lead to “severe delays” at the ports."
    assert types(rules_of, text) == ["warning"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Acme released a statement on social media dismissing the claim that it had "
            "built a tunnel.",
            "denial",
        ),
        ("Ann Lee wrote a letter to the council threatening to cut its funds.", "warning"),
    ],
)
def test_a_participle_on_the_speech_act_types_it(
    rules_of: ClaimsOf, text: str, expected: str
) -> None:
    assert types(rules_of, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Ann Lee announced a 5 percent tariff on all goods from Ruritania.",
        "Ann Lee said all imports from Ruritania will be subject to a 5 percent tariff.",
        "Ruritania says it could block the budget if its partners keep mocking it.",
        "Ann Lee said Ruritania might abandon Acme's wine if the probe goes ahead.",
    ],
)
def test_rule_warnings_of_measures_and_conditional_blows(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["warning"]


def test_a_past_tariff_is_no_warning(rules_of: ClaimsOf) -> None:
    assert types(rules_of, "Ann Lee said the tariffs imposed last year had hurt farmers.") == [
        "assertion"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "“Please don't take this risk,” Governor Ann Lee said.",
        "“Ruritania reserves the right to take measures,” the ministry said.",
        "The ministry said Ruritania would weigh its options.",
        "“Such behaviour will not be tolerated,” Ann Lee said.",
        "Ann Lee said Ruritania can no longer tolerate the insults.",
        "“I am sounding a warning to all gangs,” Ann Lee said.",
        "Ann Lee said a humanitarian catastrophe was unfolding in the region.",
        "Ann Lee urged the public to take precautionary measures.",
    ],
)
def test_rule_warnings_of_reserved_options_and_intolerance(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["warning"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“No one has made any threats,” Ann Lee added.", "denial"),
        ("Ann Lee said neither he nor his aide had contact with Ruritania.", "denial"),
        ("“No tank fire was carried out toward the civilians,” the army said.", "denial"),
        ("Police said no one was hurt in the blast.", "assertion"),
        ("“No one has an interest in a trade war,” Ann Lee said.", "assertion"),
        ("“In terms of trade, nothing has changed,” Ann Lee said.", "assertion"),
        ("Ann Lee claimed to have found gold, though none was ever found.", "assertion"),
    ],
)
def test_a_past_deed_without_a_doer_is_a_denial(
    rules_of: ClaimsOf, text: str, expected: str
) -> None:
    assert types(rules_of, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Ruritania FO rejected High Commission claims",
        "Acme rejected the ruling.",
        "Acme vehemently rejected the complaint filed by the lawyer.",
        "The coach said the rumours of a sale were a joke.",
        "“I will vigorously defend myself against any allegations,” Ann Lee said.",
    ],
)
def test_rule_denials_of_rulings_complaints_and_jokes(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["denial"]


def test_rejecting_an_offer_beside_claims_is_no_denial(rules_of: ClaimsOf) -> None:
    text = "Acme rejected the proposal, claims by its rivals notwithstanding."
    assert types(rules_of, text) == ["assertion"]


@pytest.mark.parametrize(
    "text",
    [
        "“The changes will hurt thousands of small businesses,” Ann Lee said.",
        "“By underinvesting, we are endangering energy security,” Ann Lee said.",
    ],
)
def test_rule_warnings_of_harm_to_come(rules_of: ClaimsOf, text: str) -> None:
    assert types(rules_of, text) == ["warning"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“There is no problem at all between us,” Ann Lee said.", "denial"),
        ("“There have not been any talks with Acme,” Ann Lee said.", "denial"),
        ("“There is no need to panic,” Ann Lee said.", "assertion"),
        ("Police said there were no injuries in the blast.", "assertion"),
        ("“There will be no deal this year,” Ann Lee said.", "assertion"),
    ],
)
def test_a_thing_said_not_to_exist_is_a_denial(
    rules_of: ClaimsOf, text: str, expected: str
) -> None:
    assert types(rules_of, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We are asking you to now leave the valley,” Ann Lee said.", "warning"),
        ("“We will not let this attack on our workers stand,” Ann Lee said.", "warning"),
        ("“We ask residents to attend the festival,” Ann Lee said.", "assertion"),
    ],
)
def test_asking_the_public_to_leave_and_refusing_to_let_stand(
    rules_of: ClaimsOf, text: str, expected: str
) -> None:
    assert types(rules_of, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ann Lee said Ruritania had nothing to do with the attack on the depot.", "denial"),
        (
            "The governor has never and would never act in the manner described, Ann Lee said.",
            "denial",
        ),
        ('Ann Lee, the head of Acme, said: "This is not a cyberattack."', "denial"),
        ("Acme urged its 30 million users to change their passwords after a bug.", "warning"),
        (
            "Ann Lee said $3 trillion in investments are needed to prevent a spike in prices.",
            "warning",
        ),
        ("To avoid a shortage, Ruritania must build new plants, Ann Lee said.", "warning"),
    ],
)
def test_rules_denials_and_warnings_in_general_phrasing(
    rules_of: ClaimsOf, text: str, expected: str
) -> None:
    assert [c.type.value for c in rules_of(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme urged Ruritania to return to the talks.", "assertion"),
        ("Police urge anyone with information to report it to Acme.", "assertion"),
        ("Ann Lee said there were fears of fresh attacks on the depot.", "warning"),
        ("Ann Lee said Acme was deeply concerned about further attacks on its staff.", "warning"),
        ('"We will take action resolutely if needed," Ann Lee said.', "warning"),
    ],
)
def test_rules_demands_on_states_and_fears_of_more_harm(
    rules_of: ClaimsOf, text: str, expected: str
) -> None:
    assert [c.type.value for c in rules_of(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Ruritania will not be threatened by Acme," Ann Lee added.', "assertion"),
        ("Ann Lee said Ruritania will respond sincerely to the report.", "assertion"),
        ("Ann Lee said Acme staff work in dangerous circumstances.", "assertion"),
        ("Ann Lee said the river is dangerous.", "warning"),
    ],
)
def test_rules_defiance_cooperation_and_hard_conditions_are_no_warnings(
    rules_of: ClaimsOf, text: str, expected: str
) -> None:
    assert [c.type.value for c in rules_of(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ann Lee said all Acme heaters should be considered unsafe.", "warning"),
        ("Ann Lee said Ruritania must prepare for further floods this year.", "warning"),
        ("Ann Lee said Acme must act now to mitigate the harm to its towns.", "warning"),
        ("Ann Lee said suggestions that Ann Lee is disloyal should not be entertained.", "denial"),
        ("Ann Lee said the report was the handiwork of mischief-makers.", "denial"),
    ],
)
def test_rules_unsafe_things_and_mischief_makers(
    rules_of: ClaimsOf, text: str, expected: str
) -> None:
    assert [c.type.value for c in rules_of(text)] == [expected]


def test_an_outlet_telling_a_negative_fact_reports_it(claims_of: ClaimsOf) -> None:
    told = " said he had not been in the capital at the time, and was working at his residence."
    lede = "Officials said the president was unharmed. "
    assert "denial" in types(claims_of, lede + "A ministry spokesman" + told)
    assert "denial" not in types(claims_of, lede + "The Tass news agency" + told)
    # an outlet still denies in words that say so
    worded = "The Tass news agency denied that the president had been in the capital."
    assert types(claims_of, worded) == ["denial"]


def test_questioning_a_person_is_no_denial(claims_of: ClaimsOf) -> None:
    assert types(claims_of, "The senator questioned the minister about the budget.") == [
        "assertion"
    ]

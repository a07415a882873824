"""Attribution: every reporting construction news uses gives a claim by the right speaker."""

from __future__ import annotations

import pytest
from extraction_helpers import ClaimsOf

from schemas.claims import ClaimType


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            "Ruritanian President Olaf Brenner said the border would stay open.",
            "Olaf Brenner",
            "said",
        ),
        ("Olaf Brenner told reporters that the border would stay open.", "Olaf Brenner", "told"),
        ("Olaf Brenner claimed that the election had been fair.", "Olaf Brenner", "claimed"),
        ("The border will stay open, Olaf Brenner said on Friday.", "Olaf Brenner", "said"),
        ("The border will stay open, said Olaf Brenner.", "Olaf Brenner", "said"),
        ("Olaf Brenner said: “The border will stay open.”", "Olaf Brenner", "said"),
        ("“The border will stay open,” Olaf Brenner said.", "Olaf Brenner", "said"),
        ("The mayor, Olaf Brenner, insisted that the bridge was safe.", "Olaf Brenner", "insisted"),
    ],
)
def test_reporting_constructions_name_the_speaker(
    claims_of: ClaimsOf, text: str, speaker: str, cue: str
) -> None:
    claims = claims_of(text)
    assert [(c.speaker, c.cue) for c in claims] == [(speaker, cue)]
    assert claims[0].sentence == text


def test_according_to_gives_the_named_source(claims_of: ClaimsOf) -> None:
    claims = claims_of("According to the World Health Organization, the outbreak has slowed.")
    assert len(claims) == 1
    assert claims[0].actor == "World Health Organization"
    assert claims[0].cue == "according to"


def test_passive_with_agent_is_the_agent_claim(claims_of: ClaimsOf) -> None:
    claims = claims_of("The allegation was denied by the Kremlin on Tuesday.")
    assert [(c.speaker, c.actor, c.type.value) for c in claims] == [("Kremlin", "Russia", "denial")]


def test_agentless_passive_and_noun_speech_acts_are_not_claims(claims_of: ClaimsOf) -> None:
    text = (
        "It is understood that the talks stalled. "
        "The ministry's denial came a day after the vote. "
        "Residents were warned to stay indoors."
    )
    assert claims_of(text) == []


def test_agentless_headline_is_not_a_claim(claims_of: ClaimsOf) -> None:
    assert (
        claims_of("The river kept rising.", title="Villagers urged to leave as river rises") == []
    )


def test_narration_is_not_a_claim(claims_of: ClaimsOf) -> None:
    assert claims_of("Ruritania has been one of the few countries to keep its embassy open.") == []


def test_present_tense_headline_with_metonym(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The statement came late.", title="Moscow rejects UK claims as 'fabrication'"
    )
    assert [(c.actor, c.type.value, c.target) for c in claims if c.span.field == "title"] == [
        ("Russia", "denial", "United Kingdom")
    ]


def test_says_official_headline(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Talks resume next week.", title="Iran ready to resume talks, says EU diplomat"
    )
    assert [(c.speaker, c.actor) for c in claims] == [("EU diplomat", "European Union")]


def test_joint_speakers_give_one_claim_each(claims_of: ClaimsOf) -> None:
    claims = claims_of("France and Germany said the summit would go ahead.")
    assert sorted(c.actor for c in claims) == ["France", "Germany"]


def test_two_speech_acts_of_one_speaker_are_two_claims(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The Kremlin denied the report and warned that any new sanctions "
        "would be met with a response."
    )
    assert sorted(c.type.value for c in claims) == ["denial", "warning"]
    assert {c.actor for c in claims} == {"Russia"}


def test_attribution_chain_keeps_the_original_speaker(claims_of: ClaimsOf) -> None:
    claims = claims_of("The Daily Courier reported that Japan said it would lift the ban.")
    assert [c.actor for c in claims] == ["Japan"]
    claims = claims_of("Japan said it would lift the ban, the state news agency reported.")
    assert [c.actor for c in claims] == ["Japan"]


def test_speech_act_quoted_inside_a_quote_is_the_quoted_speaker_only(claims_of: ClaimsOf) -> None:
    claims = claims_of("“Japan has said clearly that it wants calm,” analyst Mara Quill said.")
    assert [c.speaker for c in claims] == ["Mara Quill"]


def test_light_verb_with_speech_noun_is_a_speech_act(claims_of: ClaimsOf) -> None:
    claims = claims_of("The Met Office issued a flood warning for the whole coast.")
    assert [(c.type.value, c.cue) for c in claims] == [("warning", "issued warning")]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Ruritania reported air raid alerts over the capital overnight.", "reported alerts"),
        ("The river authority sounded the alarm over rising water levels.", "sounded alarm"),
        ("Doctors in the region raised the alarm about a shortage of insulin.", "raised alarm"),
    ],
)
def test_a_verb_whose_object_names_a_warning_is_one(
    claims_of: ClaimsOf, text: str, cue: str
) -> None:
    assert [(c.type.value, c.cue) for c in claims_of(text)] == [("warning", cue)]


def test_report_stays_a_reporting_verb(claims_of: ClaimsOf) -> None:
    claims = claims_of("Acmeco reported that its profits had doubled.")
    assert [(c.type.value, c.cue) for c in claims] == [("assertion", "reported")]


def test_a_verb_the_headline_parse_makes_an_auxiliary(claims_of: ClaimsOf) -> None:
    # the tagger may read "report" as a present-tense verb (VBP), not a bare one
    claims = claims_of(
        "The mayor was in office on Monday.", title="Town Hall denies report KJP out"
    )
    assert [(c.speaker, c.type.value) for c in claims] == [("Town Hall", "denial")]


def test_went_on_to_say_is_a_speech_act(claims_of: ClaimsOf) -> None:
    text = "The minister went on to deny that she had met the lobbyist."
    assert [(c.speaker, c.type.value) for c in claims_of(text)] == [("minister", "denial")]
    assert claims_of("The match went on to become a classic.") == []


def test_what_an_accuser_describes_is_cited_not_reported(claims_of: ClaimsOf) -> None:
    text = 'Mr Roe says he never did what the accuser describes "to her or anyone".'
    assert [(c.speaker, c.type.value) for c in claims_of(text)] == [("Roe", "denial")]


@pytest.mark.parametrize(
    "text",
    [
        "Government spokesman Ivan Dorov welcomed the findings of the panel on Thursday.",
        "The minister praised the rescue teams for their work.",
        "The chief executive recommended that customers change their passwords.",
    ],
)
def test_welcoming_praising_and_recommending_are_speech_acts(
    claims_of: ClaimsOf, text: str
) -> None:
    assert len(claims_of(text)) == 1


def test_other_senses_of_cue_verbs_are_not_claims(claims_of: ClaimsOf) -> None:
    assert claims_of("The company added 500 jobs last year.") == []


def test_us_is_a_country_not_a_pronoun(claims_of: ClaimsOf) -> None:
    claims = claims_of("The US said it had evidence of the plan.")
    assert [(c.speaker, c.actor) for c in claims] == [("US", "United States")]


def test_coordinated_speech_acts_of_two_speakers(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Athens said the ship was in Greek waters and Ankara said it was in international waters."
    )
    assert [c.actor for c in claims] == ["Greece", "Turkey"]


def test_two_reporting_verbs_of_one_speaker_are_two_claims(claims_of: ClaimsOf) -> None:
    # of one type they are one act, told once (test_acts.py)
    claims = claims_of(
        "Minister Ana Lobo said the port would reopen and warned that smugglers would be jailed."
    )
    assert [c.type for c in claims] == [ClaimType.ASSERTION, ClaimType.WARNING]
    assert {c.speaker for c in claims} == {"Ana Lobo"}


def test_speech_act_that_did_not_happen_is_not_a_claim(claims_of: ClaimsOf) -> None:
    assert claims_of("The ministry refused to comment on the report.") == []
    assert claims_of("Ruritania has avoided criticising its neighbour.") == []


def test_outlets_that_first_reported_a_fact_are_speakers(claims_of: ClaimsOf) -> None:
    claims = claims_of("The deal was first reported by Reuters and the Financial Times.")
    assert sorted(c.actor for c in claims) == ["Financial Times", "Reuters"]


def test_expressed_stance_is_a_claim(claims_of: ClaimsOf) -> None:
    claims = claims_of("Japan expressed concern about the missile test.")
    assert [(c.actor, c.type.value) for c in claims] == [("Japan", "assertion")]


def test_a_document_speaks_for_its_author(claims_of: ClaimsOf) -> None:
    claims = claims_of("A story published by The Daily Planet claimed the mayor had resigned.")
    assert [c.speaker for c in claims] == ["Daily Planet"]
    assert claims_of("A report said the mayor had resigned.") == []


def test_speech_alleged_by_a_report_is_not_a_claim(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Minister Ana Lobo dismissed reports that the governor said the vote was rigged."
    )
    assert [(c.speaker, c.type.value) for c in claims] == [("Ana Lobo", "denial")]


def test_disputed_words_of_another_stay_the_disputers_claim(claims_of: ClaimsOf) -> None:
    claims = claims_of("Acmeco denied that its founder said the figures were invented.")
    assert [(c.speaker, c.type.value) for c in claims] == [("Acmeco", "denial")]


def test_contrasted_statements_of_two_speakers(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Mr Roe told the BBC the claim was untrue, while Number 10 said the story was a smear."
    )
    assert [(c.speaker, c.actor) for c in claims] == [
        ("Roe", "Roe"),
        ("Number 10", "United Kingdom"),
    ]


def test_headline_naming_its_speaker_before_a_colon(claims_of: ClaimsOf) -> None:
    claims = claims_of("Body.", title="Kremlin: Moscow never asked Beijing for weapons")
    assert [(c.speaker, c.actor, c.type.value) for c in claims] == [("Kremlin", "Russia", "denial")]
    assert claims_of("Body.", title="Analysis: Why the talks failed") == []
    assert claims_of("Body.", title="Flood latest: river peaks overnight") == []
    assert claims_of("Body.", title="Sarah Lane: Officer held on suspicion of murder") == []


def test_said_to_is_hearsay_not_a_claim(claims_of: ClaimsOf) -> None:
    assert claims_of("Body.", title="Acmeco said to weigh sale of its chip unit") == []


def test_headline_surname_is_the_person_the_body_names(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Foreign ministry spokeswoman Mara Velic of Serbia warned Hungary on Tuesday that "
        "there would be consequences if the border stayed shut.",
        title="Velic warns Budapest of consequences over border closure",
    )
    assert {(c.speaker, c.type.value) for c in claims} == {("Mara Velic", "warning")}


def test_organisation_name_runs_on_past_for_and_of(claims_of: ClaimsOf) -> None:
    claims = claims_of("The Institute for Coastal Studies warned that the sea wall would fail.")
    assert [(c.speaker, c.type.value) for c in claims] == [
        ("Institute for Coastal Studies", "warning")
    ]


def test_company_after_a_countrys_possessive_speaks_for_itself(claims_of: ClaimsOf) -> None:
    claims = claims_of("Norway's Kelvik Shipping rejected the allegations on Tuesday.")
    assert [(c.actor, c.type.value) for c in claims] == [("Kelvik Shipping", "denial")]
    organ = claims_of("Norway's foreign ministry rejected the allegations on Tuesday.")
    assert [(c.actor, c.type.value) for c in organ] == [("Norway", "denial")]


def test_legislator_speaks_for_herself_not_her_seat_or_party(claims_of: ClaimsOf) -> None:
    claims = claims_of("Riverton Green MP Ann Lee said she completely rejects the allegations.")
    assert [(c.speaker, c.actor, c.type.value) for c in claims] == [
        ("Ann Lee", "Ann Lee", "denial")
    ]


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("Governor Reed called reports of a secret deal fake news.", "Reed", "called"),
        ("Senator Ann Lee described the reports as false.", "Ann Lee", "described"),
        ("The charges, all denied by Tom Reed, were read out in court.", "Tom Reed", "denied"),
        (
            "Acme Oil was quick to release a statement denying responsibility for the spill.",
            "Acme Oil",
            "denying",
        ),
        ("WHO warns against contaminated eye drops.", "WHO", "warns"),
    ],
)
def test_denials_and_warnings_the_parser_hides(
    rules_of: ClaimsOf, text: str, speaker: str, cue: str
) -> None:
    claims = rules_of(text)
    assert [(c.speaker, c.cue, c.type.value) for c in claims][:1] == [
        (speaker, cue, "warning" if cue == "warns" else "denial")
    ]


def test_a_claim_a_company_denied_is_the_companys_not_the_users(rules_of: ClaimsOf) -> None:
    claims = rules_of(
        "The Bank of Ruritania said the audit was routine. Users said their card numbers had "
        "leaked, a claim the company has denied."
    )
    assert [(c.speaker, c.type.value) for c in claims][-1:] == [("Bank of Ruritania", "denial")]


def test_a_call_for_calm_is_no_verdict(rules_of: ClaimsOf) -> None:
    assert rules_of("Governor Reed called for calm after the storm.") == []


def test_an_age_epithet_is_the_person_named_before(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Olaf Brenner said he was happy in Madrid. The claims have been dismissed as rubbish by "
        "the 62-year-old, amid intense speculation."
    )
    assert [(c.speaker, c.type.value) for c in claims][-1] == ("Olaf Brenner", "denial")


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The president assured that his campaign did not take money from smugglers.", "assured"),
        ('"The report is strongly denied by Acme," the airline clarified.', "clarified"),
        ("Weather officials issued a storm warning for parts of the coast.", "issued warning"),
    ],
)
def test_more_ways_to_report_a_speech_act(rules_of: ClaimsOf, text: str, cue: str) -> None:
    assert [c.cue for c in rules_of(text)] == [cue]


def test_imperatives_listed_after_a_colon_are_the_announcers_advice(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Acme issued four steps to keep accounts safe:\n\nChange your password on Acme and on any "
        "other service where you used it.\n\nUse a strong password that you do not reuse.\n\n"
        "The company said it had fixed the bug."
    )
    advice = [(c.speaker, c.type.value) for c in claims if c.cue == "advice"]
    assert advice == [("Acme", "warning"), ("Acme", "warning")]


def test_a_list_of_facts_after_a_colon_is_no_advice(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Acme gave these figures:\n\nSales rose by a tenth.\n\nProfits fell in the north."
    )
    assert [c for c in claims if c.cue == "advice"] == []


def test_a_plea_entered_is_a_speech_act(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Anna Kowal's lawyer entered a not guilty plea on her behalf. Kowal entered the race in "
        "May."
    )
    assert [(c.speaker, c.actor, c.type.value) for c in claims] == [
        ("Anna Kowal's lawyer", "Anna Kowal", "denial")
    ]


def test_one_prompted_to_speak_is_the_speaker(rules_of: ClaimsOf) -> None:
    claims = rules_of(
        "The commission's decision prompted Poland's justice minister to denounce a one-sided "
        "report. The court urged the minister to deny the claims."
    )
    assert [(c.speaker, c.cue) for c in claims] == [
        ("Poland's justice minister", "denounce"),
        ("court", "urged"),  # the minister has not denied anything yet
    ]


def test_two_acts_side_by_side_in_a_headline(rules_of: ClaimsOf) -> None:
    claims = rules_of(
        "The attack took place on Monday.",
        title="Acme says Ruritania sent hackers to steal its data, Ruritania says not responsible",
    )
    ruritania = [c.content for c in claims if c.speaker == "Ruritania"]
    assert [c.speaker for c in claims] == ["Acme", "Ruritania"]
    assert ruritania == ["not responsible"]


def test_a_quote_fronted_before_its_verb_is_what_is_said(rules_of: ClaimsOf) -> None:
    claims = rules_of('"I categorically deny the allegation," said Tom Reed.')
    assert [(c.speaker, c.type.value) for c in claims] == [("Tom Reed", "denial")]

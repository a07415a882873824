"""Speakers and actors: titles, appositives, pronouns, surnames, and the people memory."""

from __future__ import annotations

import pytest
from extraction_helpers import ClaimsOf

from schemas.articles import Article
from services.extraction import Extractor, PeopleMemory


def test_title_before_a_name_gives_the_actor(claims_of: ClaimsOf) -> None:
    claims = claims_of("Kremlin spokesman Ivan Dorov said the talks were useful.")
    assert [(c.speaker, c.actor) for c in claims] == [("Ivan Dorov", "Russia")]


def test_demonym_in_a_title_gives_the_actor(claims_of: ClaimsOf) -> None:
    claims = claims_of("Chinese Foreign Ministry spokeswoman Lin Wei said the visit was private.")
    assert [(c.speaker, c.actor) for c in claims] == [("Lin Wei", "China")]


def test_appositive_institution_is_the_actor(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Jane Roe, a senior fellow at the Brookings Institution, said the sanctions would bite."
    )
    assert [(c.speaker, c.actor) for c in claims] == [("Jane Roe", "Brookings Institution")]


def test_role_noun_with_appositive_name(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "“We are ready,” the chief spokesman of Iran's armed forces, Reza Tavani, told reporters."
    )
    assert [(c.speaker, c.actor) for c in claims] == [("Reza Tavani", "Iran")]


def test_unnamed_official_is_described_by_nationality(claims_of: ClaimsOf) -> None:
    claims = claims_of("A French official said the convoy had turned back.")
    assert [(c.speaker, c.actor) for c in claims] == [("French official", "France")]


def test_pronoun_resolves_to_the_person_named_before(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Kremlin spokesman Ivan Dorov spoke to reporters on Monday. He said the convoy had left."
    )
    assert [(c.speaker, c.actor) for c in claims] == [("Ivan Dorov", "Russia")]


def test_pronoun_follows_the_most_recent_person(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Kremlin spokesman Ivan Dorov said the convoy had left. "
        "Later, Dorov's counterpart, White House adviser Sam Petty, met the press. "
        "In his briefing, Petty listed three demands. "
        "He said the deadline would not move."
    )
    assert claims[-1].speaker == "Sam Petty"
    assert claims[-1].actor == "United States"


def test_bare_surname_resolves_to_the_full_name(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Marta Olsen, a director at the Nordic Energy Forum, said prices would fall. "
        "“Storage is full,” Olsen said."
    )
    assert [c.speaker for c in claims] == ["Marta Olsen", "Marta Olsen"]
    assert {c.actor for c in claims} == {"Nordic Energy Forum"}


def test_it_resolves_to_the_organisation_that_spoke(claims_of: ClaimsOf) -> None:
    claims = claims_of("Acmeco said sales rose. It said the new plant would open in May.")
    assert [c.speaker for c in claims] == ["Acmeco", "Acmeco"]


def test_the_party_resolves_to_the_party_named_before(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The Labour Party confirmed it had received a complaint. "
        "The party said it could not comment further."
    )
    assert [c.actor for c in claims] == ["Labour Party", "Labour Party"]


def test_possessive_office_speaks_for_its_owner(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Senator Dana Pryce faced questions on Monday. His office said the claims were baseless."
    )
    assert claims[-1].speaker == "Dana Pryce's office"
    assert claims[-1].actor == "Dana Pryce"


def test_an_articles_claims_do_not_depend_on_articles_read_before(extractor: Extractor) -> None:
    first = Article(id="a1", text="Kremlin spokesman Ivan Dorov said the talks were useful.")
    later = Article(id="a2", text="Ivan Dorov said on Tuesday that no deal was near.")
    after_first = list(extractor.extract_many([first, later]))[1]
    alone = extractor.extract(later)
    assert after_first == alone  # two workers, or a restarted one, agree on every actor
    assert alone[0].actor == "Ivan Dorov"


def test_a_given_people_memory_carries_the_actor_to_later_articles(
    extractor: Extractor,
) -> None:
    remembering = Extractor(extractor.nlp, memory=PeopleMemory(), model=extractor.model)
    first = Article(id="a1", text="Kremlin spokesman Ivan Dorov said the talks were useful.")
    later = Article(id="a2", text="Ivan Dorov said on Tuesday that no deal was near.")
    claims = list(remembering.extract_many([first, later]))
    assert claims[1][0].actor == "Russia"


def test_he_skips_a_woman_named_more_recently(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Detective Inspector Tom Brand said a man had been arrested. "
        "Ms Lara Voss was last seen on Friday. "
        "He said officers were searching the park."
    )
    assert [c.speaker for c in claims] == ["Tom Brand", "Tom Brand"]


def test_the_company_is_the_company_that_spoke(claims_of: ClaimsOf) -> None:
    claims = claims_of("Acmeco said sales rose. The company said the new plant would open in May.")
    assert [c.speaker for c in claims] == ["Acmeco", "Acmeco"]


def test_the_party_named_later_in_the_same_sentence(claims_of: ClaimsOf) -> None:
    claims = claims_of("The party said: “The Green Party takes every complaint seriously.”")
    assert [c.speaker for c in claims] == ["Green Party"]


def test_role_for_an_institution_speaks_for_it(claims_of: ClaimsOf) -> None:
    claims = claims_of("A spokesperson for Downing Street said the talks were constructive.")
    assert [c.actor for c in claims] == ["United Kingdom"]


def test_officials_in_a_capital_speak_for_the_country(claims_of: ClaimsOf) -> None:
    claims = claims_of("Officials in Kyiv accused Russia of shelling the plant.")
    assert [(c.actor, c.type.value, c.target) for c in claims] == [
        ("Ukraine", "accusation", "Russia")
    ]


def test_possessive_country_speaks_through_its_ministry(claims_of: ClaimsOf) -> None:
    claims = claims_of("Iran's foreign ministry dismissed the accusations as “baseless”.")
    assert [(c.speaker, c.actor, c.type.value) for c in claims] == [
        ("Iran's foreign ministry", "Iran", "denial")
    ]


def test_the_newspaper_is_the_outlet_named_before(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The Morning Post reported on Monday that the deal had collapsed. "
        "According to the newspaper, talks ended after midnight."
    )
    assert [c.speaker for c in claims] == ["Morning Post", "Morning Post"]


def test_pronoun_after_a_subordinate_clause_is_its_subject(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Kremlin spokesman Ivan Dorov spoke first. "
        "While Governor Ann Lee praised the crews, she cautioned that the river was still rising."
    )
    assert [(c.speaker, c.type.value) for c in claims if c.cue == "cautioned"] == [
        ("Ann Lee", "warning")
    ]


def test_organisation_title_before_a_name_is_the_actor(claims_of: ClaimsOf) -> None:
    claims = claims_of("National Weather Service meteorologist Kai Roe said the rain would ease.")
    assert [(c.speaker, c.actor) for c in claims] == [("Kai Roe", "National Weather Service")]


def test_unnamed_officials_speak_for_the_storys_country(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Floodwater rose across Texas and Louisiana overnight. "
        "Officials warned residents to leave low-lying areas before dawn."
    )
    assert [(c.speaker, c.actor, c.type.value) for c in claims] == [
        ("Officials", "United States", "warning")
    ]


def test_unnamed_officials_without_a_clear_country_are_marked_unnamed(claims_of: ClaimsOf) -> None:
    claims = claims_of("Officials said the bridge would reopen on Friday.")
    assert [(c.speaker, c.actor) for c in claims] == [("Officials", "unnamed officials")]


def test_the_spokesperson_is_the_spokesperson_named_before(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Japan said the talks would go ahead. "
        "Foreign ministry spokesperson Aiko Mori spoke in Tokyo on Monday. "
        "The spokesperson said the date was not yet fixed."
    )
    assert [(c.speaker, c.actor) for c in claims] == [
        ("Japan", "Japan"),
        ("Aiko Mori", "Japan"),
    ]


def test_family_name_first_is_resolved_from_its_first_word(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Foreign Ministry spokesperson Zhou Min said the visit was private. "
        "“It is a normal trip,” Zhou said."
    )
    assert [c.speaker for c in claims] == ["Zhou Min", "Zhou Min"]


def test_a_dateline_in_mixed_case_is_no_speaker(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Harbourview: Coastal carrier Bluewing Air on Monday dismissed reports that its planes "
        "were unsafe."
    )
    assert [(c.speaker, c.type.value) for c in claims] == [("Bluewing Air", "denial")]


def test_the_x_based_company_refers_back_to_the_company(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Acme Holdings was accused of hiding losses in a short seller's report. "
        "The Ohio-based company said the report was false."
    )
    assert [c.actor for c in claims] == ["Acme Holdings"]


def test_the_agency_refers_back_to_a_body_named_in_passing(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Ann Lee said the Riverside Product Safety Board had tested forty heaters. "
        "The agency warned that the heaters could catch fire."
    )
    assert [(c.actor, c.type.value) for c in claims][1:] == [
        ("Riverside Product Safety Board", "warning")
    ]


def test_a_player_speaks_for_himself_not_his_club_or_country(claims_of: ClaimsOf) -> None:
    claims = claims_of("Lyon and France midfielder Paul Durand denies the allegations.")
    assert [(c.speaker, c.actor) for c in claims] == [("Paul Durand", "Paul Durand")]


def test_a_role_of_a_body_whose_name_goes_on_after_its_head(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The governor of the Bank of Wexland has warned that inflation will require a stronger "
        "response. A spokesman for the Port of Harwick said the berth was safe."
    )
    assert [c.actor for c in claims] == ["Bank of Wexland", "Port of Harwick"]


def test_the_governors_office_is_the_governor_named_before(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Gov. Mary Stone's office denied the claims on Monday. "
        "The Governor's office said the report was false."
    )
    assert [c.actor for c in claims] == ["Mary Stone", "Mary Stone"]


def test_a_headline_role_before_a_verb_names_no_holder(claims_of: ClaimsOf) -> None:
    claims = claims_of("The inquiry goes on.", title="Wexland Prosecutor Says Funds Were Misused")
    assert "Says Funds" not in {c.speaker for c in claims}


def test_an_outlet_named_in_passing_is_not_the_company_that_speaks(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Ann Lee said Northfield Chemicals Ltd had been accused in a Daily Post report of hiding "
        "results. "
        "The company denied the claims."
    )
    assert [c.actor for c in claims][1:] == ["Northfield Chemicals Ltd"]


def test_a_name_with_a_stock_ticker_is_a_company_not_a_person(claims_of: ClaimsOf) -> None:
    # the recogniser takes "Kessler" for a person, who would speak for Germany
    claims = claims_of(
        "BERLIN (Reuters) - Germany's Kessler (DE:WLK) rejected allegations of impropriety on "
        "Tuesday."
    )
    assert [(c.speaker, c.actor) for c in claims] == [("Kessler", "Kessler")]


def test_club_and_country_before_a_players_name_describe_him(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Marseille and Spain international Diego Ruiz has denied allegations that he missed a "
        "drugs test. China and Russia said the report was false."
    )
    assert [(c.speaker, c.actor) for c in claims] == [
        ("Diego Ruiz", "Diego Ruiz"),
        ("China", "China"),
        ("Russia", "Russia"),
    ]


def test_a_described_persons_name_is_the_speaker(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The French singer Marie Dubois pleaded not guilty on Monday to fraud charges. "
        "Brazilian tennis star Paulo Alves has denied claims that he fixed a match."
    )
    assert [(c.speaker, c.actor) for c in claims] == [
        ("Marie Dubois", "Marie Dubois"),
        ("Paulo Alves", "Paulo Alves"),
    ]


def test_a_name_in_apposition_after_a_relative_clause_is_the_speaker(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Another woman who was said to be at the party, Jane Roe, denies that the meeting ever "
        "took place."
    )
    assert [(c.speaker, c.actor) for c in claims] == [("Jane Roe", "Jane Roe")]


def test_a_place_in_a_relative_clause_is_not_the_companys_name(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The company, which is based in New Brunswick, New Jersey, denied the claims made in a "
        "newspaper report."
    )
    assert [c.actor for c in claims] and all("Jersey" not in c.actor for c in claims)


def test_he_in_a_clause_is_the_surname_that_leads_the_sentence(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Sean Combs said on Monday that he would fight the suit. Shawn Carter told reporters the "
        "suit was a lie. Combs, 55, faces charges in New York, where he has denied wrongdoing."
    )
    assert [(c.speaker, c.cue) for c in claims][-1] == ("Sean Combs", "denied")


def test_the_agency_is_the_agency_that_spoke_not_one_named_since(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The World Health Organization warned on Monday that four syrups were unsafe. Traders "
        "said the syrups had been cleared by the National Medicines Control Authority. The "
        "agency warned that their use may result in severe injury."
    )
    assert [c.actor for c in claims][-1] == "World Health Organization"


def test_a_country_abbreviation_before_a_bodys_name_is_not_its_name(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The U.S. Consumer Product Safety Commission warned owners to stop using the heaters."
    )
    assert [c.speaker for c in claims] == ["Consumer Product Safety Commission"]


def test_an_adviser_to_a_president_speaks_for_the_presidents_country(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Ivo Marr, an adviser to Portuguese President Olaf Brenner, said Portugal was not "
        "involved in the incident."
    )
    assert [(c.speaker, c.actor) for c in claims] == [("Ivo Marr", "Portugal")]


def test_an_agencys_epithet_names_the_agency(claims_of: ClaimsOf) -> None:
    claims = claims_of("The UN health agency issued a warning about the syrups on Monday.")
    assert [c.actor for c in claims] == ["World Health Organization"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Supreme Court nominee Ann Lee has again denied the allegation.", "Ann Lee"),
        (
            "A defiant Tom Reed, United States President Joe Smith's nominee for the court, "
            "angrily denied the claims.",
            "Tom Reed",
        ),
        (
            "Anna Kowal, the former girlfriend of the late Piotr Nowak, pleaded not guilty to the "
            "charges.",
            "Anna Kowal",
        ),
    ],
)
def test_a_nominee_or_a_partner_speaks_for_no_one_else(
    claims_of: ClaimsOf, text: str, actor: str
) -> None:
    assert [c.actor for c in claims_of(text)] == [actor]


def test_a_source_that_relays_someone_elses_act_is_no_speaker(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "According to a CBS reporter, Ann Lee is now widening her denial, telling Senator Tom "
        "Reed she was never at the meeting."
    )
    assert [c.speaker for c in claims] == ["Ann Lee"]


def test_a_ticker_after_the_name_leaves_it_the_companys(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Portugal's state-controlled power company Lusenergia (LUSE3.LS) said it does not expect "
        "to raise prices."
    )
    assert [c.speaker for c in claims] == ["Lusenergia"]


def test_every_name_of_a_joint_statement_speaks(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "In a joint statement, Ann Lee, Tom Reed, Ivo Marr, and Eva Sund who were on the trip "
        'added: "We were there and this did not happen."'
    )
    assert {c.speaker for c in claims} == {"Ann Lee", "Tom Reed", "Ivo Marr", "Eva Sund"}


def test_a_surname_with_or_without_its_arabic_article_is_one_person(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        'Army chief Khalid al-Nour said the border was calm. "We will not cross it," said Nour.'
    )
    assert [c.speaker for c in claims] == ["Khalid al-Nour", "Khalid al-Nour"]


def test_a_ministry_source_speaks_for_the_country_that_spoke(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        'Syria said on Monday the talks had failed. Damascus "categorically denies any '
        'negotiations with Turkey," a foreign ministry source told the state news agency.'
    )
    assert [c.actor for c in claims] == ["Syria", "Syria"]


def test_the_weather_agency_is_the_public_body_not_the_outlet(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The Northland Weather Service issued a red alert for the west on Friday, public "
        "broadcaster RTV reported.\n\n"
        "The weather agency also warned of flash floods in the valleys."
    )
    assert claims[-1].speaker == "Northland Weather Service"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Brown & Brown denied the report on Friday.", "Brown & Brown"),
        (
            "Management at Vale Farm, a Welsh dairy co-op owned by 1,200 farmers, has hit back "
            "at claims that it refused talks.",
            "Management",
        ),
        (
            "Deputy PM and Foreign Minister Ana Lobo denied the report on Friday.",
            "Ana Lobo",
        ),
    ],
)
def test_one_speaker_however_the_parser_joins_its_words(
    claims_of: ClaimsOf, text: str, speaker: str
) -> None:
    claims = claims_of(text)
    assert len(claims) == 1
    assert claims[0].speaker.startswith(speaker)


def test_a_role_in_apposition_makes_a_name_a_person(claims_of: ClaimsOf) -> None:
    # the recogniser misses the name; the spokesperson role says who she is and whom for
    claims = claims_of(
        "Lisbon denied the report.\n\n"
        "Ines Mukamana, Portugal’s government spokesperson, said in a statement the government "
        "would not comment on an “unpublished report.” She said an earlier report “contained "
        "none of these false allegations”."
    )
    assert [(c.speaker, c.actor) for c in claims[1:]] == [("Ines Mukamana", "Portugal")] * 2


def test_an_epithet_is_the_name_the_article_described_so(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "An activist research firm has accused Chinese streaming platform Vidora of fraud, "
        "saying it inflated its revenues.\n\n"
        "The streaming service disputed the report on Tuesday, saying it contained errors."
    )
    assert {c.speaker for c in claims if c.type.value == "denial"} == {"Vidora"}


def test_an_epithet_two_names_share_is_not_read_by_its_description(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Streaming platform Vidora and rival streaming site Flixo both lost subscribers.\n\n"
        "Flixo said it would cut prices.\n\n"
        "The streaming service said its plans were unchanged."
    )
    assert claims[-1].speaker != "Vidora"


def test_a_sentence_initial_capital_the_article_writes_lower_is_no_name(
    claims_of: ClaimsOf,
) -> None:
    text = (
        "Cyber criminals have told reporters they do not have the data. "
        "The cyber criminals said they were not involved."
    )
    assert next(c.actor for c in claims_of(text)) == "unnamed cyber criminals"
    # a known name keeps its actor however else the article writes the word
    named = claims_of("Kremlin officials said the talks had failed. Later, kremlin officials left.")
    assert [c.actor for c in named] == ["Russia"]


def test_the_firm_whose_shares_the_sentence_names(claims_of: ClaimsOf) -> None:
    text = "Dorrow shares plunged after the retailer issued its third profit warning this year."
    assert [(c.speaker, c.actor, c.type.value) for c in claims_of(text)] == [
        ("Dorrow", "Dorrow", "warning")
    ]


def test_an_owned_noun_keeps_its_hyphenated_words(claims_of: ClaimsOf) -> None:
    text = "Ruritania's state-owned oil company said the spill came from natural seepage."
    assert [c.speaker for c in claims_of(text)] == ["Ruritania's state-owned oil company"]


def test_a_website_named_in_apposition_speaks(claims_of: ClaimsOf) -> None:
    text = "According to flight-tracking website SkyTally, more flights were delayed on Friday."
    assert [c.speaker for c in claims_of(text)] == ["SkyTally"]


def test_a_countrys_largest_firm_is_the_company_that_spoke_last(claims_of: ClaimsOf) -> None:
    text = (
        "Rosnaft has strongly denied that its subsidiaries caused the spill. "
        "Russia's largest oil producer was quick to release a statement denying culpability."
    )
    assert {c.speaker for c in claims_of(text)} == {"Rosnaft"}
    # after an outlet's report, the epithet is no outlet's
    reported = "Reuters reported the spill. Russia's largest oil producer said exports would fall."
    assert "Reuters" not in {c.speaker for c in claims_of(reported)[1:]}


def test_the_statement_is_the_statement_of_the_body_that_spoke(claims_of: ClaimsOf) -> None:
    text = (
        "In a statement, Acmeco said it had invested heavily in the field. "
        "The statement said that the company had committed nearly $55 billion."
    )
    assert [c.speaker for c in claims_of(text)] == ["Acmeco", "Acmeco"]
    # a report may be anyone's: it stays unattributed
    report = "Acmeco said it had invested heavily. The report said output would double."
    assert [c.speaker for c in claims_of(report)] == ["Acmeco"]


def test_a_story_in_a_publication_is_the_publications(claims_of: ClaimsOf) -> None:
    assert [
        c.speaker
        for c in claims_of("A report in the Riverton Gazette said the mayor would resign.")
    ] == ["Riverton Gazette"]
    # a month or a place is no publication
    assert claims_of("A report in March said prices would rise.") == []

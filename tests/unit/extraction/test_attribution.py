"""Who speaks for whom, read from the article's own text: abbreviations it spells out."""

from __future__ import annotations

import spacy
from extraction_helpers import ClaimsOf
from spacy.tokens import Doc

from schemas.claims import Claim, ClaimType, Span
from services.extraction.acronyms import acronyms, expand
from services.extraction.mentions import Mentions, one_slip
from services.extraction.naming import names_a_thing
from services.extraction.sentences import split_sentences
from services.extraction.settle import settle_actors
from services.extraction.unnamed import names_no_one


def test_an_abbreviation_in_brackets_is_spelled_out() -> None:
    text = "The Northern Rivers Water Authority (NRWA) opened the dam on Monday."
    assert acronyms(text) == {"NRWA": "Northern Rivers Water Authority"}


def test_an_abbreviation_matches_the_initials_of_a_name_in_the_text() -> None:
    text = "The Ministry of Coastal Affairs met on Monday. Later the MCA said it was ready."
    assert expand("MCA", text) == "Ministry of Coastal Affairs"


def test_an_ampersand_abbreviation_matches_its_name() -> None:
    assert expand("B&B", "Shares in Brown & Brown fell. B&B said sales rose.") == "Brown & Brown"


def test_no_name_with_those_initials_leaves_the_abbreviation() -> None:
    assert expand("XYZ", "The XYZ said it would appeal. Mark Young agreed.") is None


def test_a_name_may_list_its_parts_with_commas() -> None:
    text = "The Ruritanian Atmospheric, Marine and Seismic Service (RAMSS) met on Monday."
    assert acronyms(text) == {"RAMSS": "Ruritanian Atmospheric, Marine and Seismic Service"}


def test_a_bracketed_abbreviation_makes_the_whole_name_the_speaker(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The Ruritanian Atmospheric, Marine and Seismic Service (RAMSS) has warned of a "
        "storm surge along the coast.\n\n"
        "The Northland Weather and Climate Agency (NWCA) said rain would follow."
    )
    assert [(c.speaker, c.actor) for c in claims] == [
        (name, name)
        for name in (
            "Ruritanian Atmospheric, Marine and Seismic Service",
            "Northland Weather and Climate Agency",
        )
    ]


def test_an_abbreviated_speaker_speaks_as_the_body_the_article_names(rules_of: ClaimsOf) -> None:
    claims = rules_of(
        "The Northern Rivers Water Authority (NRWA) opened the dam on Monday. "
        "The NRWA said the water was safe to drink."
    )
    assert [(c.speaker, c.actor) for c in claims] == [
        ("Northern Rivers Water Authority", "Northern Rivers Water Authority")
    ]


def test_a_spelled_out_organ_is_not_read_as_another_country(rules_of: ClaimsOf) -> None:
    claims = rules_of(
        "Ruritania's Foreign Office (FO) summoned the envoy. The FO said the claims were baseless."
    )
    assert [(c.speaker, c.actor) for c in claims] == [("Foreign Office", "Foreign Office")]


def test_a_misspelt_surname_is_the_person_named_before(rules_of: ClaimsOf) -> None:
    claims = rules_of(
        "Defence Minister Anna Kowalski said the base would stay open. "
        "Kowlaski said the troops were ready."
    )
    assert [(c.speaker, c.actor) for c in claims][-1][0] == "Anna Kowalski"


def test_one_slip_tells_typos_from_other_names() -> None:
    assert one_slip("kowalski", "kowlaski")  # swapped
    assert one_slip("rutte", "rutter")  # added
    assert one_slip("gorsky", "gorksy")
    assert not one_slip("johnson", "jackson")
    assert not one_slip("kowalski", "nowalski")  # the first letter differs


def test_a_message_speaks_for_whoever_sent_it(rules_of: ClaimsOf) -> None:
    claims = rules_of(
        "“Report every fault,” said the message from the drivers’ union, the Rail Drivers Guild."
    )
    assert [c.actor for c in claims] == ["Rail Drivers Guild"]


def test_calculations_speak_for_who_made_them(rules_of: ClaimsOf) -> None:
    claims = rules_of("According to calculations by Acme Analytics, bread prices rose 9%.")
    assert [c.speaker for c in claims] == ["Acme Analytics"]


def test_an_email_seen_by_a_newspaper_is_not_the_newspaper_speaking(rules_of: ClaimsOf) -> None:
    claims = rules_of("The plant will close in May, according to an email seen by the Daily Star.")
    assert all(c.speaker != "Daily Star" for c in claims)


def test_an_unnamed_spokeswoman_speaks_for_the_company_quoted(rules_of: ClaimsOf) -> None:
    claims = rules_of(
        "Brightway Stores said sales fell 3% in the spring. "
        "No shops will close this year, a spokeswoman said."
    )
    assert [c.actor for c in claims] == ["Brightway Stores", "Brightway Stores"]


def test_an_unnamed_spokesman_speaks_for_the_government_quoted(rules_of: ClaimsOf) -> None:
    claims = rules_of(
        "Chinese Foreign Minister Wang Lei said the talks were useful. "
        "The border will stay open, a spokesman said."
    )
    assert [c.actor for c in claims] == ["China", "China"]


def test_a_blank_line_between_paragraphs_does_not_shorten_a_quote(rules_of: ClaimsOf) -> None:
    text = (
        "Harbour master Ola Berg rejected the report on Monday.\n\n"
        "Berg, in the statement sent to reporters, read;\n\n"
        "“The harbour was never closed.\n\n"
        "“Ships came and went as planned all week.”"
    )
    for spaced in (text, text.replace("\n\n", "\n")):
        quoted = [c.speaker for c in rules_of(spaced) if c.sentence.startswith("“")]
        assert quoted == ["Ola Berg", "Ola Berg"]


def test_paragraphs_are_counted_without_blank_lines() -> None:
    parts = split_sentences("One said so.\n\nTwo said so.\n\n\nThree said so.")
    assert [s.paragraph for s in parts] == [0, 1, 2]


def test_a_person_the_article_titles_president_elsewhere_speaks_for_the_country(
    rules_of: ClaimsOf,
) -> None:
    claims = rules_of(
        "Finnish President Ivan Petrov visited Paris on Monday. Petrov said the talks went well."
    )
    assert [(c.speaker, c.actor) for c in claims] == [("Ivan Petrov", "Finland")]


def test_a_president_of_a_country_named_after_him(rules_of: ClaimsOf) -> None:
    claims = rules_of("President Ivan Petrov of Finland said the talks went well.")
    assert [(c.speaker, c.actor) for c in claims] == [("Ivan Petrov", "Finland")]


def test_a_company_president_does_not_speak_for_a_country(rules_of: ClaimsOf) -> None:
    claims = rules_of(
        "Finland's trade fair opened. Acme Tools President Ivan Petrov attended. "
        "Petrov said sales went well."
    )
    assert all(c.actor != "Finland" for c in claims)


def test_a_time_after_the_verb_is_no_speaker(rules_of: ClaimsOf) -> None:
    claims = rules_of("The measures announced this week by Ruritania are illegal, Lee said.")
    assert "week" not in [c.speaker for c in claims]


def test_a_name_given_to_a_thing_is_no_speech(rules_of: ClaimsOf) -> None:
    claims = rules_of(
        "Prime Minister Ann Lee said the legal framework, called a Reciprocal Access "
        "Agreement, would allow visits."
    )
    assert {c.speaker for c in claims} == {"Ann Lee"}


def _parsed(words: list[str], heads: list[int], deps: list[str]) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)


def test_naming_is_told_from_a_person_calling_a_thing_a_name() -> None:
    # "the pact, called Accord, would ..." (the thing named stands right before the comma)
    named = _parsed(
        ["the", "pact", ",", "called", "Accord", ",", "would", "last"],
        [1, 3, 3, 7, 3, 3, 7, 7],
        ["det", "nsubj", "punct", "ccomp", "oprd", "punct", "aux", "ROOT"],
    )
    assert names_a_thing(named[3])
    # "Lee, the lawyer, called it troubling" as a parser may leave it (no object found):
    # the subject is further back, so Lee speaks
    spoken = _parsed(
        ["Lee", ",", "the", "lawyer", ",", "called", "troubling"],
        [5, 0, 3, 0, 0, 5, 5],
        ["nsubj", "punct", "det", "appos", "punct", "ROOT", "oprd"],
    )
    assert not names_a_thing(spoken[5])


def test_a_short_name_is_the_fuller_body_another_claim_names(rules_of: ClaimsOf) -> None:
    claims = rules_of(
        "RBA governor Ola Berg said rates would rise. "
        "The Reserve Bank boss has warned households to brace for more pain."
    )
    assert [c.actor for c in claims] == ["Reserve Bank of Australia"] * 2


def test_an_unnamed_source_is_an_anonymous_source(rules_of: ClaimsOf) -> None:
    claims = rules_of("The deal is off, a source said.")
    assert [(c.speaker, c.actor) for c in claims] == [("source", "anonymous source")]
    assert names_no_one("anonymous source") and names_no_one("unnamed traders")


def test_the_body_role_is_whom_the_headline_role_was_settled_to(rules_of: ClaimsOf) -> None:
    claims = rules_of(
        "Ola Berg has denied it is government policy to cut tariffs. Critics were unconvinced. "
        "But the trade secretary said the plan was dead.",
        title="Trade secretary denies plan to cut tariffs",
    )
    assert {c.speaker for c in claims if c.span.field == "text"} == {"Ola Berg"}


def _claim(field: str, speaker: str, actor: str, sentence: str) -> Claim:
    return Claim(
        article_id="a",
        type=ClaimType.ASSERTION,
        speaker=speaker,
        actor=actor,
        content=sentence,
        sentence=sentence,
        span=Span(field=field, start=0, end=len(sentence)),
        cue="said",
        confidence=0.9,
    )


def test_a_headline_thing_settled_to_a_person_stays_a_thing_in_the_body() -> None:
    title = "Lawsuit says guests were drugged"
    lede = "Ola Berg said the guests were drugged."
    body = "At the party, the lawsuit said, the guests were drugged."
    claims = [
        _claim("title", "Lawsuit", "unnamed lawsuit", title),
        _claim("text", "Ola Berg", "Ola Berg", lede),
        _claim("text", "lawsuit", "unnamed lawsuit", body),
    ]
    settled = settle_actors(claims, Mentions(text=f"{title}\n{lede} {body}"))
    assert [c.speaker for c in settled] == ["Ola Berg", "Ola Berg", "lawsuit"]


def test_titles_joined_before_a_name_are_that_persons(rules_of: ClaimsOf) -> None:
    claims = rules_of(
        "On the company's Twitter account, Chairman and CEO Ann Lee issued a video statement, "
        "calling it the safest product."
    )
    assert {c.speaker for c in claims} == {"Ann Lee"}


def test_the_head_of_a_nameless_body_is_named_with_it(rules_of: ClaimsOf) -> None:
    claims = rules_of("The roads are flooded, said the head of the local emergency response staff.")
    assert [(c.speaker, c.actor) for c in claims] == [
        ("head of the local emergency response staff", "unnamed local emergency response staff")
    ]


def test_a_spox_is_a_spokesperson(rules_of: ClaimsOf) -> None:
    claims = rules_of(
        "Brightway Stores said sales fell 3% in the spring. "
        "The spox stated that no shops will close this year."
    )
    assert [c.actor for c in claims] == ["Brightway Stores", "Brightway Stores"]


def test_a_number_of_speakers_are_those_speakers(rules_of: ClaimsOf) -> None:
    claims = rules_of("A number of local newspapers claimed that the mill had closed.")
    assert [c.speaker for c in claims] == ["local newspapers"]


def test_the_broadcaster_is_the_outlet_that_spoke(rules_of: ClaimsOf) -> None:
    claims = rules_of(
        "Channel Nine reported that the bridge had collapsed. "
        "The broadcaster also said two people were hurt."
    )
    assert [c.actor for c in claims] == ["Channel Nine", "Channel Nine"]

"""Direct quotes: regions across sentences, run-on quotes, and the last named speaker."""

from __future__ import annotations

from extraction_helpers import ClaimsOf

from services.extraction.quotes import Quotes


def test_regions_pair_curly_and_straight_marks() -> None:
    text = 'He said “one. two.” and "three".'
    regions = Quotes(text).regions
    assert [text[r.start : r.end] for r in regions] == ["“one. two.”", '"three"']


def test_a_quote_open_at_a_paragraph_end_closes_there() -> None:
    text = "“First part.\n“Second part.”"
    q = Quotes(text)
    assert [text[r.start : r.end] for r in q.regions] == ["“First part.", "“Second part.”"]
    assert q.quoted_share(0, 12) == 1.0


def test_each_sentence_of_a_run_on_quote_is_a_claim_of_its_speaker(claims_of: ClaimsOf) -> None:
    text = "“The dam is safe. Engineers checked it twice. There is no risk,” Mayor Tom Reyes said."
    claims = claims_of(text)
    assert [c.speaker for c in claims] == ["Tom Reyes"] * 3
    assert [c.sentence for c in claims] == [
        "“The dam is safe.",
        "Engineers checked it twice.",
        "There is no risk,” Mayor Tom Reyes said.",
    ]


def test_quote_attributed_at_its_start_runs_on(claims_of: ClaimsOf) -> None:
    text = "Mayor Tom Reyes said: “The dam is safe. Engineers checked it twice.”"
    claims = claims_of(text)
    assert [c.speaker for c in claims] == ["Tom Reyes", "Tom Reyes"]


def test_unattributed_quote_paragraph_is_the_last_speakers(claims_of: ClaimsOf) -> None:
    text = "“The dam is safe,” Mayor Tom Reyes said.\n\n“We have checked it twice.”"
    claims = claims_of(text)
    assert [c.speaker for c in claims] == ["Tom Reyes", "Tom Reyes"]


def test_run_on_sentences_are_typed_on_their_own_content(claims_of: ClaimsOf) -> None:
    text = (
        "“Our records are complete. We have nothing to add,” General Ivo Marr said.\n\n"
        "“Any attack on our ships would be met with a crushing response.”"
    )
    claims = claims_of(text)
    assert [c.type.value for c in claims] == ["assertion", "assertion", "warning"]
    assert {c.speaker for c in claims} == {"Ivo Marr"}


def test_sentences_of_one_warning_quote_stay_warnings(claims_of: ClaimsOf) -> None:
    text = "Mayor Tom Reyes said: “Don't bet your life on staying. This flood is different.”"
    claims = claims_of(text)
    assert [c.type.value for c in claims] == ["warning", "warning"]


def test_a_neutral_opening_before_the_warning_stays_an_assertion(claims_of: ClaimsOf) -> None:
    text = "Mayor Tom Reyes said: “The river rose overnight. Don't bet your life on staying.”"
    claims = claims_of(text)
    assert [c.type.value for c in claims] == ["assertion", "warning"]


def test_an_opening_spoken_to_those_warned_is_part_of_the_warning(claims_of: ClaimsOf) -> None:
    text = (
        "Mayor Tom Reyes said: “If you stayed last time, this flood is different."
        " Do not stay in your homes.”"
    )
    claims = claims_of(text)
    assert [c.type.value for c in claims] == ["warning", "warning"]


def test_a_run_on_quote_opening_before_a_threat_stays_an_assertion(claims_of: ClaimsOf) -> None:
    text = (
        "“We met the envoy on Tuesday. Any attack on our ships would be met with a crushing"
        " response,” General Ivo Marr said."
    )
    claims = claims_of(text)
    assert [c.type.value for c in claims] == ["assertion", "warning"]


def test_quoted_heading_is_not_a_claim(claims_of: ClaimsOf) -> None:
    text = "“The dam is safe,” Mayor Tom Reyes said.\n\n“HIGH WATER”\n\nThe river rose."
    assert [c.sentence for c in claims_of(text)] == ["“The dam is safe,” Mayor Tom Reyes said."]


def test_a_short_quoted_clause_is_the_speakers_claim(claims_of: ClaimsOf) -> None:
    claims = claims_of('"It\'s a joke! We have sold nobody this summer," coach Ana Lima said.')
    first = [c for c in claims if c.sentence.startswith('"It')]
    assert [(c.speaker, c.cue) for c in first] == [("Ana Lima", "quote")]


def test_a_colon_line_names_the_speaker_of_the_quote_after_it(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The club's lawyer, Tom Reyes, spoke outside the court:\n\n"
        '"We are pleased with the ruling. Justice was done today."'
    )
    quoted = [c for c in claims if c.cue == "quote"]
    assert [c.speaker for c in quoted] == ["Tom Reyes", "Tom Reyes"]


def test_a_quoted_heading_after_a_quote_is_no_claim(claims_of: ClaimsOf) -> None:
    claims = claims_of('"The river is rising," Mayor Ana Lima said.\n\n"FLOOD WATCH"')
    assert [c.sentence for c in claims] == ['"The river is rising," Mayor Ana Lima said.']

"""The cheap sentence splitter, the prefilter, and the masked text the parser sees."""

from __future__ import annotations

from services.extraction.lexicon import inflections, load_lexicon
from services.extraction.parse_text import parse_text
from services.extraction.sentences import may_hold_claim, split_sentences


def test_split_keeps_offsets_and_abbreviations() -> None:
    text = "Gov. Ann Lee spoke at 9 a.m. on Monday. Mr. Roe said no.\n\n“It is over.” Next one."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Gov. Ann Lee spoke at 9 a.m. on Monday.",
        "Mr. Roe said no.",
        "“It is over.”",
        "Next one.",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text
    assert [s.paragraph for s in sentences] == [0, 0, 1, 1]


def test_initials_do_not_end_a_sentence() -> None:
    assert len(split_sentences("John F. Kennedy said it. Then he left.")) == 2


def test_prefilter_passes_cues_quotes_and_according_to() -> None:
    lex = load_lexicon()
    assert may_hold_claim("The ministry warned of delays.", lex)
    assert may_hold_claim("“Never,” came the reply.", lex)
    assert may_hold_claim("According to police, two men fled.", lex)
    assert not may_hold_claim("The river rose by two metres overnight.", lex)


def test_inflections_of_cue_verbs() -> None:
    assert {"denies", "denied", "denying"} <= inflections("deny")
    assert {"warns", "warned", "warning"} <= inflections("warn")
    assert {"admitted", "admitting"} <= inflections("admit")
    assert load_lexicon().lemma("told") == "tell"


def test_parse_text_masks_without_moving_offsets() -> None:
    lex = load_lexicon()
    for raw, headline in [
        ("PARIS (AFP) - Acmeco (PA:ACM) denied the report.", False),
        ("Senator Roe 'totally rejects' the claims", True),
        ("Agency Urges Travellers to Avoid the Region", True),
    ]:
        masked = parse_text(raw, lex, headline=headline)
        assert len(masked) == len(raw)
    assert parse_text("PARIS (AFP) - Acmeco denied it.", lex).strip() == "Acmeco denied it."
    assert "'" not in parse_text("Roe 'totally rejects' the claims", lex)
    lowered = parse_text("Agency Urges Travellers to Avoid the Region", lex, headline=True)
    assert lowered.startswith("Agency urges") and "to avoid the" in lowered


def test_initialisms_do_not_end_a_sentence() -> None:
    text = "WILMINGTON, N.C. (AP) — The mayor spoke. Then she left."
    assert [s.text for s in split_sentences(text)] == [
        "WILMINGTON, N.C. (AP) — The mayor spoke.",
        "Then she left.",
    ]


def test_datelines_are_masked_but_short_capitals_are_kept() -> None:
    lex = load_lexicon()
    assert parse_text("(Reuters) -Acmeco denied it.", lex).strip() == "Acmeco denied it."
    assert parse_text("BERLIN — The minister said so.", lex).strip() == "The minister said so."
    assert parse_text("US - China talks resume", lex) == "US - China talks resume"


def test_prefilter_ignores_names_and_bare_light_verbs() -> None:
    lex = load_lexicon()
    assert not may_hold_claim("Trade with the United States grew.", lex)
    assert not may_hold_claim("The team made three changes.", lex)
    assert may_hold_claim("The team made a statement on Monday.", lex)
    assert may_hold_claim("Kremlin Denies Moving Troops", lex)


def test_splitting_a_run_of_full_stops_is_linear() -> None:
    import time

    start = time.perf_counter()
    assert len(split_sentences("." * 150_000)) == 1
    assert len(split_sentences("It was denied" + "!" * 150_000)) == 1
    assert time.perf_counter() - start < 2.0


def test_an_opening_dateline_in_mixed_case_is_masked_only_where_the_text_begins() -> None:
    lex = load_lexicon()
    for raw, kept in [
        ("Harbourview: The coast guard issued an advisory.", "The coast guard issued an advisory."),
        ("Riverton (Kent) [UK], Mar 9 (ANI): Ann Lee denied it.", "Ann Lee denied it."),
        ("Port Ellis, Wexland - Acmeco denied it.", "Acmeco denied it."),
        ("Port Ellis - Thursday, Acmeco denied it.", "Thursday, Acmeco denied it."),
    ]:
        masked = parse_text(raw, lex, opening=True)
        assert len(masked) == len(raw) and masked.strip() == kept
        assert parse_text(raw, lex) == raw  # elsewhere in the text it is left alone
    # a name before a dash, or a ticker in brackets, is no dateline even at the start
    for raw in ("Ann Lee - the club's owner - said no.", "Acme Corp. (NYSE: ACM) - the maker"):
        assert parse_text(raw, lex, opening=True) == raw


def test_a_rubric_or_a_wire_sport_slug_is_no_speaker() -> None:
    lex = load_lexicon()
    assert parse_text("News: Acme cautions it may cut jobs", lex, headline=True).strip() == (
        "Acme cautions it may cut jobs"
    )
    slug = parse_text("Tennis-Lee accepts ban but denies doping", lex, headline=True)
    assert slug.strip() == "Lee accepts ban but denies doping"
    assert parse_text("Coca-Cola denies report", lex, headline=True) == "Coca-Cola denies report"
    assert parse_text("Peskov: no plans", lex, headline=True) == "Peskov: no plans"


def test_a_curly_negation_is_parsed_as_a_straight_one() -> None:
    from services.extraction.lexicon import load_lexicon
    from services.extraction.parse_text import parse_text

    text = "Ann O’Neill said: “We don’t attack villages and won’t start.”"
    parsed = parse_text(text, load_lexicon())
    assert len(parsed) == len(text)
    assert "don't" in parsed and "won't" in parsed and "O’Neill" in parsed

"""One claim per speech act: a speaker's type is told once per sentence, two types stay two."""

from __future__ import annotations

from extraction_helpers import ClaimsOf

from schemas.articles import Article
from schemas.claims import Claim, ClaimType, Span
from services.extraction import Extractor
from services.extraction.acts import one_per_act, repeats


def claim(type_: ClaimType, cue: str, *, speaker: str = "Ana Soto", start: int = 0) -> Claim:
    return Claim(
        article_id="a",
        type=type_,
        speaker=speaker,
        actor="Ruritania",
        content="the report is false",
        sentence="Ana Soto rejected the report and called it false.",
        span=Span(field="text", start=start, end=start + 50),
        cue=cue,
        confidence=0.75,
    )


def test_a_second_telling_of_one_act_is_dropped() -> None:
    first = claim(ClaimType.DENIAL, "rejected")
    again = claim(ClaimType.DENIAL, "called")
    assert one_per_act([first, again]) == [first]
    assert repeats([first, None, again]) == {2}


def test_other_types_speakers_and_sentences_are_other_acts() -> None:
    denial = claim(ClaimType.DENIAL, "rejected")
    warning = claim(ClaimType.WARNING, "warned")
    other_speaker = claim(ClaimType.DENIAL, "rejected", speaker="Ben Ode")
    next_sentence = claim(ClaimType.DENIAL, "rejected", start=60)
    claims = [denial, warning, other_speaker, next_sentence]
    assert one_per_act(claims) == claims


TWO_VERBS = (
    "Ruritania's foreign ministry on Monday rejected the report and dismissed the "
    "allegations as baseless."
)


def test_two_denying_verbs_in_one_sentence_are_one_denial(claims_of: ClaimsOf) -> None:
    denials = [c for c in claims_of(TWO_VERBS) if c.type == ClaimType.DENIAL]
    assert len(denials) == 1
    assert denials[0].cue == "rejected"


def test_the_rules_alone_tell_an_act_once_too(rules_of: ClaimsOf) -> None:
    denials = [c for c in rules_of(TWO_VERBS) if c.type == ClaimType.DENIAL]
    assert len(denials) == 1


def test_explain_shows_the_repeat_and_why_it_was_dropped(extractor: Extractor) -> None:
    article = Article(id="x", title="", text=TWO_VERBS)
    judged = next(extractor.explain_many([article]))
    dropped = [j for j in judged if j.repeat is not None]
    assert [j.candidate.cue for j in dropped] == ["dismissed"]
    assert dropped[0].result is None
    assert dropped[0].repeat is not None and dropped[0].repeat.type == ClaimType.DENIAL


def test_a_retyped_assertion_does_not_repeat_the_denial_beside_it(claims_of: ClaimsOf) -> None:
    claims = claims_of("The minister denied the report, calling it false.")
    assert [c.type for c in claims] == [ClaimType.DENIAL]

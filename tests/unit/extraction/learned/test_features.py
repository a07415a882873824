"""Features name the rules' verdict and the word classes in what is said."""

from __future__ import annotations

from schemas.claims import Claim, ClaimType, Span
from services.extraction.learned.features import (
    features,
    own_sentences,
    seed_classes,
    word_classes,
)


def claim(content: str, *, type_: ClaimType = ClaimType.ASSERTION, field: str = "text") -> Claim:
    return Claim(
        article_id="a",
        type=type_,
        speaker="Ana Soto",
        actor="Ruritania",
        content=content,
        sentence=f"Ana Soto said {content}.",
        span=Span(field=field, start=0, end=10),  # type: ignore[arg-type]
        cue="said",
        confidence=0.75,
    )


def test_conjunction_of_future_and_punishment_is_a_feature() -> None:
    f = features(claim("the smugglers will face punishment"), seed_classes())
    assert f["said:punishment+future"] == 1.0
    assert f["rule=assertion"] == 1.0
    assert f["rule_by=content"] == 1.0
    assert f["speaks_for_other"] == 1.0


def test_idioms_and_headline_negation() -> None:
    f = features(claim("the country will not sit idly by", field="title"), seed_classes())
    assert f["said:threat_idiom"] == 1.0
    assert f["said:threat_idiom+future"] == 1.0
    assert f["said:negation+headline"] == 1.0


def test_wordnet_widens_the_seed_classes() -> None:
    seeds, widened = seed_classes(), word_classes()
    assert all(seeds[name] <= widened[name] for name in seeds)
    assert {"balderdash", "hokum"} <= widened["falsity"]  # nonsense's hyponyms
    assert "retribution" in widened["punishment"]
    assert "weather" not in widened["harm"]
    f = features(claim("the report is balderdash"), widened)
    assert f["said:falsity"] == 1.0


def test_another_speakers_words_in_the_sentence_are_not_this_claims_signals() -> None:
    sentence = "Ruritania says the rebels shelled the dam, rebels say it is a lie"
    accuser = claim("the rebels shelled the dam").model_copy(update={"sentence": sentence})
    rebels = claim("it is a lie").model_copy(update={"sentence": sentence, "speaker": "rebels"})
    own = own_sentences([accuser, rebels])
    assert "lie" not in own[0] and "shelled" in own[0]
    assert own[1] == sentence  # the rebels' own part keeps the accusation they answer
    classes = seed_classes()
    assert "sentence:falsity" in features(rebels, classes, own[1])
    assert "sentence:falsity" in features(accuser, classes)  # the whole sentence had it
    assert "sentence:falsity" not in features(accuser, classes, own[0])


def test_the_same_speakers_run_of_claims_keeps_the_whole_sentence() -> None:
    one = claim("the report is false")
    two = claim("the report is false and they know it").model_copy(
        update={"sentence": one.sentence}
    )
    assert own_sentences([one, two]) == [one.sentence, one.sentence]


def test_contractions_carry_negation_and_future() -> None:
    f = features(claim("we won't back down and they didn't ask"), seed_classes())
    assert f["said:negation"] == 1.0
    assert f["said:future"] == 1.0
    f = features(claim("we'll respond to any attack"), seed_classes())
    assert f["said:future"] == 1.0
    assert "said:negation" not in f

"""Features name the rules' verdict and the word classes in what is said."""

from __future__ import annotations

from schemas.claims import Claim, ClaimType, Span
from services.extraction.learned.features import features, seed_classes, word_classes


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

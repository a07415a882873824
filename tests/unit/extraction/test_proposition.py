"""A claim's content is the proposition only: no leading "that", no attribution tail."""

from __future__ import annotations

import pytest
from extraction_helpers import ClaimsOf

from services.extraction.lexicon import load_lexicon
from services.extraction.proposition import proposition


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "that the toll road would close, according to Ann Lee, a spokeswoman for the city",
            "the toll road would close",
        ),
        ("The dam is safe, said Tom Reyes, the mayor of Brickton", "The dam is safe"),
        ("The dam is safe,” the mayor told reporters on Monday.", "The dam is safe"),
        ("claims that the dam leaked, Mayor Tom Reyes said.", "the dam leaked"),
        ("Flood barriers failed, says city engineer", "Flood barriers failed"),
    ],
)
def test_attribution_is_stripped(text: str, expected: str) -> None:
    assert proposition(text, load_lexicon()) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the levee held, and the engineer said more rain would follow",
        "the report, which he said was false, is wrong",
        "that, he said",
    ],
)
def test_the_proposition_itself_is_kept(text: str) -> None:
    assert proposition(text, load_lexicon()) == text


def test_claim_content_has_no_attribution(claims_of: ClaimsOf) -> None:
    text = (
        "Ruritania will answer new tariffs in kind, according to Ann Lee, a spokeswoman"
        " for the Ruritanian foreign ministry."
    )
    contents = [c.content for c in claims_of(text)]
    assert contents == ["Ruritania will answer new tariffs in kind"]


def test_reported_content_drops_its_that(claims_of: ClaimsOf) -> None:
    contents = [c.content for c in claims_of("Mayor Tom Reyes said that the dam was safe.")]
    assert contents == ["the dam was safe"]

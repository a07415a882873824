"""One spelling of each actor within an article."""

from __future__ import annotations

from schemas.articles import Article
from schemas.claims import ClaimType
from services.stream.article_actors import canonical_actors
from services.stream.processors import extract_claims
from tests.support.factories import claim_in
from tests.unit.stream.test_processors import article_record

TEXT = (
    "Singer Mara Olsen denied the plagiarism claim. Olsen said the song was her own. "
    "The singer has written songs since 2010. Mr Olsen, her father, denied it too."
)
ARTICLE = Article(id="olsen-1", source="Pop Wire", title="Olsen denies copying", text=TEXT)


def sentences() -> list[str]:
    return [s.strip() + "." for s in TEXT.split(".") if s.strip()]


def test_a_surname_is_the_article_s_full_name() -> None:
    s = sentences()
    claims = [
        claim_in(ARTICLE, s[0], "Singer Mara Olsen", ClaimType.DENIAL),
        claim_in(ARTICLE, s[1], "Olsen", ClaimType.DENIAL),
    ]
    assert [c.actor for c in canonical_actors(claims, TEXT)] == ["Singer Mara Olsen"] * 2


def test_a_leading_common_noun_goes_when_the_article_names_the_bare_name_too() -> None:
    s = sentences()
    claims = [
        claim_in(ARTICLE, s[0], "Singer Mara Olsen", ClaimType.DENIAL),
        claim_in(ARTICLE, s[1], "Mara Olsen", ClaimType.DENIAL),
        claim_in(ARTICLE, s[2], "Olsen", ClaimType.DENIAL),
    ]
    assert [c.actor for c in canonical_actors(claims, TEXT)] == ["Mara Olsen"] * 3


def test_speakers_take_the_article_s_spelling_too() -> None:
    s = sentences()
    claims = [
        claim_in(ARTICLE, s[0], "Mara Olsen", ClaimType.DENIAL),
        claim_in(ARTICLE, s[1], "Olsen", ClaimType.DENIAL).model_copy(
            update={"actor": "Mara Olsen"}
        ),
    ]
    assert [c.speaker for c in canonical_actors(claims, TEXT)] == ["Mara Olsen"] * 2


def test_a_name_two_people_of_the_article_end_with_is_left_alone() -> None:
    s = sentences()
    claims = [
        claim_in(ARTICLE, s[0], "Mara Olsen", ClaimType.DENIAL),
        claim_in(ARTICLE, s[1], "Olsen", ClaimType.DENIAL),
        claim_in(ARTICLE, s[3], "Jon Olsen", ClaimType.DENIAL),
    ]
    assert [c.actor for c in canonical_actors(claims, TEXT)] == ["Mara Olsen", "Olsen", "Jon Olsen"]


def test_names_the_actors_base_knows_stay_as_they_are() -> None:
    s = sentences()
    claims = [
        claim_in(ARTICLE, s[0], "Korea", ClaimType.DENIAL),
        claim_in(ARTICLE, s[1], "South Korea", ClaimType.DENIAL),
    ]
    assert [c.actor for c in canonical_actors(claims, TEXT)] == ["Korea", "South Korea"]


async def test_the_extraction_step_keys_claims_by_the_article_s_spelling() -> None:
    async def extract(article: Article) -> list:  # type: ignore[type-arg]
        s = sentences()
        return [
            claim_in(article, s[0], "Mara Olsen", ClaimType.DENIAL),
            claim_in(article, s[1], "Olsen", ClaimType.DENIAL),
        ]

    outs = await extract_claims(article_record(ARTICLE), extract=extract)
    assert [o.key for o in outs] == ["Mara Olsen", "Mara Olsen"]


def test_a_phrase_about_a_company_is_no_longer_name_of_it() -> None:
    text = "The chief executive of Acme spoke on Friday. Acme said the outage was no attack."
    article = Article(id="acme-1", source="Wire", title="Acme outage", text=text)
    claims = [
        claim_in(
            article, "The chief executive of Acme spoke on Friday.", "Acme", ClaimType.DENIAL
        ).model_copy(update={"speaker": "CEO of Acme"}),
        claim_in(article, "Acme said the outage was no attack.", "Acme", ClaimType.DENIAL),
    ]
    assert [c.actor for c in canonical_actors(claims, text)] == ["Acme", "Acme"]


def test_a_full_name_joins_the_single_name_the_article_goes_by() -> None:
    text = "Pelé denies the report. Pelé Arantes Nascimento said the story was invented."
    article = Article(id="pele-1", source="Pop Wire", title="Pelé denies", text=text)
    claims = [
        claim_in(article, "Pelé denies the report.", "Pelé", ClaimType.DENIAL),
        claim_in(
            article,
            "Pelé Arantes Nascimento said the story was invented.",
            "Pelé Arantes Nascimento",
            ClaimType.DENIAL,
        ),
    ]
    assert [c.actor for c in canonical_actors(claims, text)] == ["Pelé"] * 2


def test_a_first_name_two_full_names_share_is_left_alone() -> None:
    text = "Ana said no. Ana Lobo denied it. Ana Reyes denied it too."
    article = Article(id="ana-1", source="Pop Wire", title="Denials", text=text)
    claims = [
        claim_in(article, "Ana Lobo denied it.", "Ana Lobo", ClaimType.DENIAL),
        claim_in(article, "Ana Reyes denied it too.", "Ana Reyes", ClaimType.DENIAL),
        claim_in(article, "Ana said no.", "Ana", ClaimType.DENIAL),
    ]
    assert [c.actor for c in canonical_actors(claims, text)] == ["Ana Lobo", "Ana Reyes", "Ana"]

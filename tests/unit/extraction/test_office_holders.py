"""Well-known office holders speak for the office they held on the article's date."""

from __future__ import annotations

from datetime import datetime

from schemas.articles import Article
from services.extraction import Extractor


def said(
    extractor: Extractor, text: str, day: str | None, title: str = ""
) -> list[tuple[str, str]]:
    published = datetime.fromisoformat(day) if day else None
    article = Article(id="office-holders", title=title, text=text, published_at=published)
    return [(c.speaker, c.actor) for c in extractor.extract(article)]


def test_a_president_named_with_an_unplaced_title_speaks_for_his_country(
    extractor: Extractor,
) -> None:
    text = "President Donald Trump said the new duties on Ruritanian goods would start in June."
    assert said(extractor, text, "2019-06-01") == [("Donald Trump", "United States")]


def test_a_bare_surname_speaks_for_the_office_held_that_day(extractor: Extractor) -> None:
    text = "Trump warned that the talks would end if the border stayed open."
    assert said(extractor, text, "2019-06-01") == [("Trump", "United States")]
    # between his two terms he held no office: he speaks for himself
    assert said(extractor, text, "2022-06-01") == [("Trump", "Trump")]


def test_without_a_date_the_current_office_counts(extractor: Extractor) -> None:
    text = "Mark Rutte said the alliance stood ready to defend every member."
    assert said(extractor, text, None) == [("Mark Rutte", "NATO")]
    assert said(extractor, text, "2020-02-02") == [("Mark Rutte", "Netherlands")]


def test_an_outdated_former_title_loses_to_the_office_held_that_day(
    extractor: Extractor,
) -> None:
    text = "Russian former president Dmitry Medvedev said the attack would be answered."
    assert said(extractor, text, "2023-05-05") == [("Dmitry Medvedev", "Russia")]


def test_a_former_holder_with_no_office_that_day_speaks_for_himself(
    extractor: Extractor,
) -> None:
    text = "Former Ukrainian president Petro Poroshenko said the vote had been rigged."
    assert said(extractor, text, "2023-05-05") == [("Petro Poroshenko", "Petro Poroshenko")]


def test_what_the_article_says_wins_over_the_knowledge_base(extractor: Extractor) -> None:
    text = "Jens Stoltenberg, Norway's finance minister, warned that the budget was at risk."
    # the knowledge base says NATO on that day; the article places him in Oslo's cabinet
    assert said(extractor, text, "2023-01-01") == [("Jens Stoltenberg", "Norway")]


def test_a_presidents_own_lawyer_speaks_for_him_not_for_his_country(
    extractor: Extractor,
) -> None:
    text = "Ann Lee, a lawyer for Trump, denied that any payment had been made."
    assert said(extractor, text, "2019-06-01") == [("Ann Lee", "Trump")]


def test_an_aide_to_a_known_leader_speaks_for_the_leaders_country(extractor: Extractor) -> None:
    text = "A senior aide to Zelensky denied that the drones had been launched from Ukraine."
    [(_, actor)] = said(extractor, text, "2023-05-05")
    assert actor == "Ukraine"


def test_someone_sharing_a_leaders_surname_is_not_the_leader(extractor: Extractor) -> None:
    text = "Ivanka Trump said she would not run for office."
    assert said(extractor, text, "2019-06-01") == [("Ivanka Trump", "Ivanka Trump")]


def test_a_foreign_minister_with_a_bare_title_speaks_for_his_country(
    extractor: Extractor,
) -> None:
    text = "Foreign Minister Sergei Lavrov denied that troops had crossed the border."
    assert said(extractor, text, "2022-01-01") == [("Sergei Lavrov", "Russia")]


def test_a_surname_the_tagger_takes_for_a_plural_noun_is_still_the_person(
    extractor: Extractor,
) -> None:
    text = "Guterres warned that the talks were the last chance to avoid a famine."
    assert said(extractor, text, None) == [("Guterres", "United Nations")]


def test_a_headline_naming_a_known_official_before_a_colon(extractor: Extractor) -> None:
    claims = said(
        extractor,
        "The minister spoke in Moscow.",
        "2023-01-01",
        title="Lavrov: Russia will respond to any attack",
    )
    assert claims == [("Lavrov", "Russia")]

"""The day a sentence says its act happened, resolved against the article's day."""

from __future__ import annotations

from datetime import date

from services.stream.act_date import act_date, different_days

# A Wednesday.
ARTICLE_DAY = date(2031, 4, 16)


def test_weekday_is_the_latest_such_day_on_or_before_the_article() -> None:
    assert act_date("The mayor said on Monday the bridge was safe.", ARTICLE_DAY) == date(
        2031, 4, 14
    )
    assert act_date("The mayor said Wednesday the bridge was safe.", ARTICLE_DAY) == ARTICLE_DAY


def test_explicit_date_wins_over_the_weekday_before_it() -> None:
    sentence = "The mayor on Friday, April 11, warned drivers off the bridge."
    assert act_date(sentence, ARTICLE_DAY) == date(2031, 4, 11)
    assert act_date("On 9 April 2031 she denied it.", ARTICLE_DAY) == date(2031, 4, 9)


def test_days_after_the_article_are_plans_not_when_it_was_said() -> None:
    sentence = "The tolls take effect on Monday, April 28, the council said."
    assert act_date(sentence, ARTICLE_DAY) is None


def test_relative_words_and_no_day_at_all() -> None:
    assert act_date("He said yesterday he had never met her.", ARTICLE_DAY) == date(2031, 4, 15)
    assert act_date("He has never met her, he said.", ARTICLE_DAY) is None
    assert act_date("The storm may 5 times worsen.", ARTICLE_DAY) is None  # "may" is a verb
    assert act_date("He said on Monday he had never met her.", None) is None


def test_a_january_article_reads_a_december_date_as_last_year() -> None:
    assert act_date("She denied it on December 30.", date(2032, 1, 3)) == date(2031, 12, 30)


def test_a_day_of_slack_but_not_more() -> None:
    assert not different_days(date(2031, 4, 14), date(2031, 4, 15))
    assert different_days(date(2031, 4, 14), date(2031, 4, 16))
    assert not different_days(None, date(2031, 4, 16))


def test_an_act_dated_after_another_was_first_reported_is_another_act() -> None:
    from services.stream.act_date import after_reported

    assert after_reported(date(2031, 4, 24), date(2031, 4, 14))
    assert not after_reported(date(2031, 4, 15), date(2031, 4, 14))
    assert not after_reported(None, date(2031, 4, 14))

"""Occasions a sentence reports its act on: a plea, a statement, words to a named listener."""

from __future__ import annotations

from services.stream.act_kind import is_plea, occasions, other_occasion


def test_a_plea_is_read_from_its_verb_or_noun() -> None:
    assert is_plea("The mayor pleaded not guilty to fraud on Tuesday.")
    assert is_plea("His lawyer entered a plea of not guilty.")
    assert not is_plea("The mayor denied every allegation of fraud.")


def test_statements_and_words_to_a_named_listener() -> None:
    assert occasions("In a statement, the mayor called the report false.") == {"statement"}
    assert occasions("The mayor told Councillor Ada Brandt she had never met him.") == {"told"}
    assert occasions("The mayor told the Harbour Gazette it was false.") == {"told"}
    assert occasions("The mayor told reporters it was false.") == frozenset()


def test_only_two_named_occasions_with_none_in_common_differ() -> None:
    assert other_occasion(frozenset({"told"}), frozenset({"statement"}))
    assert not other_occasion(frozenset({"told"}), frozenset({"told", "statement"}))
    assert not other_occasion(frozenset(), frozenset({"statement"}))

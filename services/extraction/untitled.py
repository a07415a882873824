"""A person quoted without a title whom the article titles elsewhere: "Finnish President Ivan
Petrov visited Paris ... Petrov said" speaks for Finland, read from the article's own words."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from services.actors import is_country, lookup_actor
from services.extraction.titles import national_role

_WORD = re.compile(r"[\w’'.-]+")
_BEFORE = 60  # characters before a mention in which its title is looked for
_TITLE_WORDS = 3  # "Deputy Foreign Minister": the longest title read
_POSSESSIVE = re.compile(r"(?:'s|’s)$")
_OF_PLACE = re.compile(r"^,? (?:of|in) ((?:[A-Z][\w-]*)(?: [A-Z][\w-]*)?)")
_NOT_HOLDER = frozenset({"former", "ex", "ex-", "then", "late", "shadow"})


def titled_country(name: str, text: str, fallback: Callable[[], str | None]) -> str | None:
    """The country whose national title ("President", "Foreign Minister") the article gives
    this person: the demonym or country before the title, the country after the name
    ("President Ivan Petrov of Finland"), else `fallback` (the article's own country). None
    when the article gives no such title, or gives it as a firm's ("Acme Tools President")."""
    for before, after in words_before(name, text):
        country = _country_of_title(before, after, fallback)
        if country is not None:
            return country
    return None


def words_before(name: str, text: str) -> Iterator[tuple[list[str], str]]:
    """For each mention of a person's surname (full names only): the words just before it,
    given names dropped since a title stands before them, and the text after it."""
    words = name.split()
    if len(words) < 2:
        return
    for m in re.finditer(rf"\b{re.escape(words[-1])}\b", text):
        before = _WORD.findall(text[max(0, m.start() - _BEFORE) : m.start()])
        while before and before[-1] in words[:-1]:
            before.pop()
        yield before, text[m.end() :]


def _country_of_title(
    before: list[str], after: str, fallback: Callable[[], str | None]
) -> str | None:
    for n in range(min(_TITLE_WORDS, len(before)), 0, -1):
        title = before[-n:]
        if not all(w[:1].isupper() for w in title) or national_role(" ".join(title)) is None:
            continue
        if _country(title[0]) is not None:
            continue  # "Finnish President": the demonym is whose, read as the word before
        ahead = before[-n - 1] if len(before) > n else ""
        if ahead.lower() in _NOT_HOLDER:
            return None
        owner = _country(ahead)
        if owner is not None:
            return owner  # "Finnish President", "Finland's Prime Minister"
        if ahead[:1].isupper():
            return None  # "Acme Tools President": a firm's, or a place that is no country
        place = _OF_PLACE.match(after)
        if place is not None:
            found = lookup_actor(place.group(1))
            return found if found is not None and is_country(found) else None
        return fallback()
    return None


def _country(word: str) -> str | None:
    if not word[:1].isupper():
        return None
    found = lookup_actor(_POSSESSIVE.sub("", word))
    return found if found is not None and is_country(found) else None

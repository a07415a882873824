"""Well-known office holders (people.json): whom a person speaks for on a given day.

A head of state, a foreign minister or the UN's Secretary-General is often quoted with no title
that places them ("Trump warned ..."); the news reader knows whom they speak for, and so does
this file. Offices are dated: a person speaks for the actor of the office held on the
article's date, for themselves when they held none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any

from services.actors.names import loose_key

PEOPLE_FILE = "people.json"
PERSON_FIELDS = ("name", "aliases", "offices")
OFFICE_FIELDS = ("office", "actor", "from", "to")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Office:
    """An office held from `start` (inclusive) to `end` (exclusive; None: held today)."""

    office: str
    actor: str
    start: date
    end: date | None

    def held_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...]
    offices: tuple[Office, ...]

    def office_on(self, day: date | None) -> Office | None:
        """The office held on `day`; with no day, the one held today (open-ended)."""
        for office in self.offices:
            if (office.end is None) if day is None else office.held_on(day):
                return office
        return None


@dataclass(frozen=True)
class People:
    """Every person, and an index from the loose key of each name and alias."""

    by_key: dict[str, Person]

    def named(self, name: str) -> Person | None:
        """The person a whole name is ("Donald J. Trump", "Trump"); a middle name or initial
        the file does not list is dropped ("Antonio Manuel Guterres" -> "Antonio Guterres")."""
        words = loose_key(name).split()
        found = self.by_key.get(" ".join(words))
        if found is None and len(words) > 2:
            found = self.by_key.get(f"{words[0]} {words[-1]}")
        return found


def read_people(
    text: str, actors: Collection[str], taken: Collection[str]
) -> tuple[People, list[str]]:
    """people.json -> People; problems name the file, the line and the person. `actors` are the
    canonical actor names offices may speak for, `taken` the loose keys of actor aliases (a
    person may not share a name with an actor: one of them would never be found)."""
    problems: list[str] = []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return People({}), [f"{PEOPLE_FILE}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}"]
    entries = data.get("people") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return People({}), [f'{PEOPLE_FILE}:1: expected an object with a "people" list']
    by_key: dict[str, Person] = {}
    for n, entry in enumerate(entries):
        person = _person(n, entry, text, actors, problems)
        if person is None:
            continue
        where = f"{PEOPLE_FILE}:{_line_of(text, person.name)}: {person.name}"
        for written in dict.fromkeys((person.name, *person.aliases)):
            key = loose_key(written)
            other = by_key.get(key)
            if other is not None:
                also = "twice" if other is person else f"also by {other.name}"
                problems.append(f"{where}: name {written!r} is used {also}")
            elif key in taken:
                problems.append(f"{where}: name {written!r} is already an actor's name")
            else:
                by_key[key] = person
    return People(by_key), problems


def _person(
    n: int, entry: Any, text: str, actors: Collection[str], problems: list[str]
) -> Person | None:
    if not isinstance(entry, dict):
        problems.append(f"{PEOPLE_FILE}: people[{n}]: expected an object")
        return None
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(f'{PEOPLE_FILE}: people[{n}]: "name" must be a non-empty string')
        return None
    where = f"{PEOPLE_FILE}:{_line_of(text, name)}: {name}"
    before = len(problems)
    _unknown_fields(entry, PERSON_FIELDS, where, problems)
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        problems.append(f'{where}: "aliases" must be a list of non-empty strings')
        aliases = []
    raw = entry.get("offices")
    if not isinstance(raw, list) or not raw:
        problems.append(f'{where}: "offices" must be a non-empty list')
        raw = []
    read = (_office(k, o, where, actors, problems) for k, o in enumerate(raw))
    offices = [o for o in read if o is not None]
    offices.sort(key=lambda o: o.start)
    for earlier, later in pairwise(offices):
        if earlier.end is None or later.start < earlier.end:
            problems.append(
                f"{where}: offices overlap ({earlier.office} from {earlier.start}, "
                f"{later.office} from {later.start}): one office a day says whom they speak for"
            )
    if len(problems) > before:
        return None
    return Person(name, tuple(aliases), tuple(offices))


def _office(
    k: int, entry: Any, where: str, actors: Collection[str], problems: list[str]
) -> Office | None:
    at = f"{where}: offices[{k}]"
    if not isinstance(entry, dict):
        problems.append(f"{at}: expected an object")
        return None
    before = len(problems)
    _unknown_fields(entry, OFFICE_FIELDS, at, problems)
    office, actor = entry.get("office"), entry.get("actor")
    if not isinstance(office, str) or not office.strip():
        problems.append(f'{at}: "office" must be a non-empty string')
    if not isinstance(actor, str) or actor not in actors:
        problems.append(f"{at}: unknown actor {actor!r} (an actor's canonical name)")
    start = _day(entry.get("from"), f'{at}: "from"', problems, required=True)
    end = _day(entry.get("to"), f'{at}: "to"', problems, required=False)
    if start is not None and end is not None and end <= start:
        problems.append(f'{at}: "to" ({end}) is not after "from" ({start})')
    if len(problems) > before or start is None:
        return None
    return Office(str(office), str(actor), start, end)


def _day(value: Any, at: str, problems: list[str], *, required: bool) -> date | None:
    if value is None and not required:
        return None
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(f"{at} must be a date written YYYY-MM-DD, got {value!r}")
    return None


def _unknown_fields(entry: dict[str, Any], known: tuple[str, ...], at: str, out: list[str]) -> None:
    for key in entry:
        if key not in known and not key.startswith("_"):
            out.append(f'{at}: unknown field "{key}" (known: {", ".join(known)})')


def _line_of(text: str, name: str) -> int:
    match = re.search(r'"name"\s*:\s*' + re.escape(json.dumps(name, ensure_ascii=False)), text)
    if match is None:
        match = re.search(r'"name"\s*:\s*' + re.escape(json.dumps(name)), text)
    return text.count("\n", 0, match.start()) + 1 if match else 0

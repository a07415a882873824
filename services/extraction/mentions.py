"""Who has been named: the per-article mention table and the people memory across articles."""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field

from services.actors import (
    actor_kind,
    country_of,
    find_mentions,
    home_country,
    is_country,
    lookup_actor,
    role_of,
)
from services.extraction.unnamed import names_no_one

# "Wirecard (DE:WDIG)", "Acme Corp (NYSE: ACM)", "Acme (ACME4.SA)": a name, then a ticker
_TICKERED = re.compile(
    r"\b([A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3}) "
    r"\((?:[A-Z]{1,8}: ?[A-Z0-9.]{1,10}|[A-Z0-9]{2,6}\.[A-Z]{1,3})\)"
)
_PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
_OPENING_CHARS = 40
_OPENERS = frozenset({"", "The", "the"})


@dataclass(frozen=True)
class Party:
    """A resolved speaker: how the article names them, whom they speak for, and what they are."""

    name: str
    actor: str
    is_person: bool
    plural: bool = False


class PeopleMemory:
    """Person -> actor ties kept across articles ("Peskov" later still speaks for Russia)."""

    def __init__(self, capacity: int = 50_000) -> None:
        self._ties: OrderedDict[str, str] = OrderedDict()
        self._capacity = capacity

    def remember(self, person: str, actor: str) -> None:
        if actor == person:
            return  # a person speaking for themselves teaches nothing
        self._ties[person] = actor
        self._ties.move_to_end(person)
        if len(self._ties) > self._capacity:
            self._ties.popitem(last=False)

    def actor_of(self, person: str) -> str | None:
        return self._ties.get(person)

    def full_name(self, surname: str) -> str | None:
        """The most recent remembered person with this surname ("Peskov" -> "Dmitry Peskov")."""
        for person in reversed(self._ties):
            if person.split()[-1] == surname:
                return person
        return None

    def __len__(self) -> int:
        return len(self._ties)


@dataclass
class Mentions:
    """People and organisations named so far in one article, most recent last."""

    people: list[Party] = field(default_factory=list)
    groups: list[Party] = field(default_factory=list)
    speakers: list[Party] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)  # name -> "m" / "f", when a title says
    roles: dict[str, set[str]] = field(default_factory=dict)  # "Wang" -> {"spokesperson"}
    countries: list[str] = field(default_factory=list)  # that spoke or led a sentence
    # the court or prosecutor's office an earlier judge or prosecutor spoke for ("court": ...)
    bodies: dict[str, str] = field(default_factory=dict)
    text: str = ""  # the article, for its home country
    _home: list[str | None] = field(default_factory=list)
    _listed: list[frozenset[str]] = field(default_factory=list)

    def home_country(self) -> str | None:
        """Computed once per article, and only when an unnamed official needs it."""
        if not self._home:
            self._home.append(home_country(self.text))
        return self._home[0]

    def listed(self) -> frozenset[str]:
        """Names the article gives a stock ticker ("Wirecard (DE:WDIG)"): companies, whatever
        the entity recogniser makes of them."""
        if not self._listed:
            self._listed.append(frozenset(m.group(1) for m in _TICKERED.finditer(self.text)))
        return self._listed[0]

    def note_roles(self, name: str, roles: set[str]) -> None:
        if roles:
            self.roles.setdefault(name, set()).update(roles)

    def person_with_role(self, role: str) -> Party | None:
        for p in reversed(self.people):
            if role in self.roles.get(p.name, ()):
                return p
        return None

    def last_country_speaker(self) -> str | None:
        """The country that spoke or led a sentence last: whom an unplaced "foreign ministry"
        speaks for ("Beijing brushed the reports aside. A ministry spokesman said ...")."""
        return self.countries[-1] if self.countries else None

    def note_subject(self, sentence: str) -> None:
        """A sentence that opens with a country (or its capital, its agency) is about it."""
        opening = sentence[4:5] if sentence.startswith("The ") else sentence[:1]
        if not opening.isupper():
            return  # most sentences open with no name at all: skip the scan
        found = find_mentions(sentence[:_OPENING_CHARS])
        if found and found[0][0] <= len("The ") and sentence[: found[0][0]].strip() in _OPENERS:
            country = country_of(found[0][2])
            if country is not None:
                self.countries.append(country)

    def note_gender(self, name: str, gender: str | None) -> None:
        if gender is not None:
            self.genders[name] = gender

    def add(self, party: Party) -> None:
        bucket = self.people if party.is_person else self.groups
        bucket[:] = [p for p in bucket if p.name != party.name]
        bucket.append(party)

    def add_behind(self, party: Party) -> None:
        """Someone named only in passing ("the son of X"): known, but behind everyone else, so
        that a bare surname means the person the story is about."""
        if all(p.name != party.name for p in self.people):
            self.people.insert(0, party)

    def spoke(self, party: Party) -> None:
        self.add(party)
        if not party.is_person and _person_like(party):
            # "Pelosi told reporters" (the recogniser missed her): "she said" next is Pelosi,
            # the one named before if she was ("Nancy Pelosi")
            known = self.person(party.name)
            if known is not None:
                self.add(known)
            else:
                self.add(Party(party.name, party.actor, is_person=True, plural=party.plural))
        self.speakers.append(party)
        if is_country(party.actor):
            self.countries.append(party.actor)

    def touch_names_in(self, text: str) -> None:
        """A sentence that was not parsed still makes the people it names the most recent."""
        found = []
        for p in self.people:
            pos = text.find(p.name.split()[-1])
            if pos >= 0:
                found.append((pos, p))
        for _, p in sorted(found, key=lambda f: f[0]):
            self.add(p)

    def person(self, name: str) -> Party | None:
        """A full name or a bare surname ("Tangen", "Mr Hill") of someone named earlier."""
        words = name.lower().split()
        if not words:
            return None
        for p in reversed(self.people):
            known = p.name.lower().split()
            if known == words or _surname(known[-1]) == _surname(words[-1]):
                return p
            if len(words) == 1 and len(known) > 1 and known[0] == words[0]:
                return p  # family name first ("Wang Wenbin" ... "Wang said")
        if len(words) == 1 and len(words[0]) >= _MIN_MISSPELT:
            for p in reversed(self.people):
                if one_slip(p.name.lower().split()[-1], words[0]):
                    return p  # "Ann Kowalski" ... "Kowlaski said": the article's own typo
        return None

    def pronoun(self, word: str) -> Party | None:
        """he/she -> the last person who spoke (else named); it/they -> the last group."""
        w = word.lower()
        if w in {"he", "she", "him", "her", "his"}:
            # the most recently mentioned person (a subject mentioned last outranks a speaker)
            # who is not known to be of the other gender ("Ms Lee" is no "he")
            other = "f" if w in {"he", "him", "his"} else "m"
            for p in reversed(self.people):
                if self.genders.get(p.name) != other:
                    self.note_gender(p.name, "m" if other == "f" else "f")
                    return p
            return None
        if w in {"it", "its"}:
            return _last(self.speakers, person=False, plural=False) or _last(
                self.groups, person=False
            )
        if w in _PLURAL_PRONOUNS:
            return _last(self.speakers, person=False) or _last(self.groups, person=False)
        return None

    def last_person(self) -> Party | None:
        """The person mentioned last, whatever their gender ("the 36-year-old said")."""
        return self.people[-1] if self.people else None

    def group_like(self, noun: str, hints: frozenset[str] = frozenset()) -> Party | None:
        """ "the party", "the force": the last organisation named with that noun (or a hint
        word: "the newspaper" -> a name with "Times", "Mail", ...)."""
        words = {noun.lower()} | hints
        for p in reversed(self.groups):
            if words & set(p.name.lower().split()) or words & set(p.actor.lower().split()):
                return p
        return None

    def last_body(self) -> Party | None:
        """The organisation named last that is no place ("the agency said"; "the company,
        which is based in New Jersey, said" is no state's)."""
        for p in reversed(self.groups):
            if actor_kind(p.actor) not in _PLACES and p.actor[:1].isupper():
                return p
        return None

    def last_voice(self, media_words: frozenset[str]) -> str | None:
        """Whom the speaker quoted last spoke for: an organisation, or the body an official
        speaks for; not a private person, an outlet, nor a group that names no one."""
        for p in reversed(self.speakers):
            if names_no_one(p.actor) or (p.is_person and p.actor == p.name):
                continue
            if set(p.actor.lower().split()) & media_words:
                continue
            return p.actor
        return None

    def last_firm(self) -> Party | None:
        """The body named last that the knowledge base does not list (a company, as a rule,
        not the regulator that spoke last): "the company's vice president"."""
        for p in reversed(self.groups):
            if actor_kind(p.actor) is None and not names_no_one(p.actor):
                return p
        return None

    def last_public_body(self) -> Party | None:
        """The public body that spoke last, else was named last: a name headed by "Service",
        "Agency", "Office" and the like ("the weather agency said")."""
        for p in [*reversed(self.speakers), *reversed(self.groups)]:
            words = p.name.lower().split()
            if not p.is_person and words and words[-1] in _PUBLIC_BODIES:
                return p
        return None

    def last_group_speaker(self) -> Party | None:
        """The organisation that spoke last, not an office of a person ("his office"), nor a
        group that names no one ("users said ..., a claim the company denied")."""
        for p in reversed(self.speakers):
            if not p.is_person and not names_no_one(p.actor) and "'s " not in p.name:
                return p
        return None


_PLACES = frozenset({"country", "subnational"})
_PUBLIC_BODIES = frozenset(
    {"agency", "service", "office", "administration", "institute", "department", "bureau"}
    | {"authority", "centre", "center", "commission", "directorate", "board", "survey"}
)


_MIN_MISSPELT = 5  # shorter surnames one letter apart are as likely two people


def one_slip(known: str, word: str) -> bool:
    """Two spellings one typing slip apart: a letter swapped with the next, changed, added
    or dropped; the first letter is never the slip."""
    if known == word or known[:1] != word[:1] or abs(len(known) - len(word)) > 1:
        return False
    if len(known) == len(word):
        diff = [i for i, (a, b) in enumerate(zip(known, word, strict=True)) if a != b]
        if len(diff) == 1:
            return True
        i = diff[0]
        swapped = known[i] == word[i + 1] and known[i + 1] == word[i]
        return len(diff) == 2 and diff[1] == i + 1 and swapped
    short, long = sorted((known, word), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(1, len(long)))


def _surname(word: str) -> str:
    """ "al-Burhan" and "Burhan" are one surname: the Arabic article is often left out."""
    for article in ("al-", "el-"):
        if word.startswith(article):
            return word[len(article) :]
    return word


def _last(parties: list[Party], *, person: bool, plural: bool | None = None) -> Party | None:
    for p in reversed(parties):
        if p.is_person == person and (plural is None or p.plural == plural):
            return p
    return None


def _person_like(party: Party) -> bool:
    """An untied capitalised single name the knowledge base does not know ("Pelosi"): most
    likely a surname the entity recogniser missed. Longer names are left alone: "Sargento
    Foods" is as capitalised as "Ann Kowalski"."""
    word = party.name
    return (
        party.actor == word
        and not party.plural
        and word.isalpha()
        and word[:1].isupper()
        and word[1:].islower()
        and lookup_actor(word) is None
        and role_of(word) is None
    )

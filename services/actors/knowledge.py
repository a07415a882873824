"""The actors knowledge base: countries, regions, bodies, agencies, roles and well-known office
holders, from data files."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

from services.actors.names import exact_key, loose_key
from services.actors.people import PEOPLE_FILE, People, read_people

Kind = Literal["country", "subnational", "organisation", "agency"]
# Whom a role's holder speaks for: the body named with them (`actor`), their institution or
# themselves (`institution`), themselves (`self`), the party they represent (`client`), the
# court they sit on (`court`), or the prosecutor's office they serve (`office`).
Scope = Literal["actor", "institution", "self", "client", "court", "office"]
SCOPES: tuple[str, ...] = ("actor", "institution", "self", "client", "court", "office")
Read = Callable[[str], str]

ACTOR_FILES: dict[str, Kind] = {
    "countries.json": "country",
    "subnational.json": "subnational",
    "organisations.json": "organisation",
    "agencies.json": "agency",
}
ROLES_FILE = "roles.tsv"
PREFERENCES_FILE = "preferences.json"
NOT_ACTORS_FILE = "not_actors.json"
ROLE_COLUMNS = ("role", "speaks_for_government", "speaks_for", "note")
# Alias fields of a data entry, in the order they are indexed; the category is kept for callers.
ALIAS_FIELDS = ("official", "aliases", "abbreviations", "demonyms", "metonyms")
# Demonyms that already are plural or have no -s plural ("Swiss", "Chinese", "British").
_NO_PLURAL = ("s", "sh", "ch", "ese", "z", "x", "ic")


@dataclass(frozen=True)
class Alias:
    """One written form of an actor and how safely it can be matched."""

    text: str
    canonical: str
    category: str  # name, official, aliases, abbreviations, demonyms or metonyms
    ambiguous: bool
    case_sensitive: bool


@dataclass(frozen=True)
class Actor:
    """A canonical actor; `type` is the UN status for countries, else a finer type."""

    name: str
    kind: Kind
    type: str
    parent: str | None
    aliases: tuple[Alias, ...]


@dataclass(frozen=True)
class Role:
    """A role noun and whom its holder speaks for."""

    role: str
    speaks_for_government: bool
    speaks_for: Scope
    note: str


@dataclass(frozen=True)
class KnowledgeBase:
    """Every actor and the indexes built over their aliases."""

    actors: dict[str, Actor]
    loose: dict[str, tuple[Alias, ...]]
    exact: dict[str, tuple[Alias, ...]]
    preferred: dict[str, str]
    blocked: frozenset[str]
    roles: dict[str, Role]
    people: People
    problems: tuple[str, ...]


def _plural(demonym: str) -> str | None:
    return None if demonym.endswith(_NO_PLURAL) else demonym + "s"


def _entry_aliases(entry: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(written form, category, the form its flags come from), first occurrence kept."""
    found: dict[str, tuple[str, str, str]] = {}
    for field in ("name", *ALIAS_FIELDS):
        texts = [entry["name"]] if field == "name" else entry.get(field, [])
        for text in texts:
            found.setdefault(text, (text, field, text))
            plural = _plural(text) if field == "demonyms" else None
            if plural:
                found.setdefault(plural, (plural, field, text))
    return list(found.values())


def preferred_in(preferred: dict[str, str], key: str) -> str | None:
    """The preferred actor for an ambiguous alias key; a plural demonym follows its singular."""
    return preferred.get(key) or (preferred.get(key[:-1]) if key.endswith("s") else None)


def read_roles(text: str, problems: list[str]) -> dict[str, Role]:
    """roles.tsv rows; a bad row is reported with its line and skipped."""
    roles: dict[str, Role] = {}
    reader = csv.DictReader(text.splitlines(), delimiter="\t")
    if tuple(reader.fieldnames or ()) != ROLE_COLUMNS:
        problems.append(f"{ROLES_FILE}:1: columns must be {' <tab> '.join(ROLE_COLUMNS)}")
        return roles
    for row in reader:
        where = f"{ROLES_FILE}:{reader.line_num}"
        if None in row or any(row.get(c) is None for c in ROLE_COLUMNS):
            problems.append(f"{where}: expected {len(ROLE_COLUMNS)} tab-separated columns")
            continue
        scope, government = row["speaks_for"], row["speaks_for_government"]
        if scope not in SCOPES:
            problems.append(f"{where}: speaks_for {scope!r} is not one of {', '.join(SCOPES)}")
            continue
        if government not in ("true", "false"):
            problems.append(f"{where}: speaks_for_government must be true or false")
            continue
        key = row["role"].strip().lower()
        if not key:
            problems.append(f"{where}: empty role")
            continue
        if key in roles:
            problems.append(f"{where}: role {key!r} is listed twice")
        roles[key] = Role(row["role"], government == "true", scope, row["note"])  # type: ignore[arg-type]  # checked above
    return roles


def _build_actors(
    entries: list[tuple[str, Kind, dict[str, Any]]], problems: list[str], files: dict[str, str]
) -> dict[str, Actor]:
    # A flag set on one form ("US") covers every form with the same loose key ("U.S.").
    cs_loose = {loose_key(t) for _, _, entry in entries for t in entry.get("case_sensitive", [])}
    actors: dict[str, Actor] = {}
    for file, kind, entry in entries:
        name = entry["name"]
        amb = {loose_key(t) for t in entry.get("ambiguous", [])}
        written = _entry_aliases(entry)
        known = {loose_key(t) for t, _, _ in written}
        for flagged in (*entry.get("ambiguous", []), *entry.get("case_sensitive", [])):
            if loose_key(flagged) not in known:
                problems.append(f"{file}: {name}: flagged {flagged!r} is not one of its aliases")
        if name in actors:
            problems.append(f"{file}: duplicate canonical name {name!r} (also in {files[name]})")
        files[name] = file
        aliases = tuple(
            Alias(t, name, cat, loose_key(src) in amb, loose_key(src) in cs_loose)
            for t, cat, src in written
        )
        kind_type = str(entry.get("status" if kind == "country" else "type", ""))
        actors[name] = Actor(name, kind, kind_type, entry.get("parent"), aliases)
    for actor in actors.values():
        if actor.parent and actor.parent not in actors:
            problems.append(f"{files[actor.name]}: {actor.name}: unknown parent {actor.parent!r}")
    return actors


def _build_index(actors: dict[str, Actor], *, exact: bool) -> dict[str, tuple[Alias, ...]]:
    index: dict[str, list[Alias]] = defaultdict(list)
    for actor in actors.values():
        for alias in actor.aliases:
            if alias.case_sensitive != exact:
                continue
            key = exact_key(alias.text) if exact else loose_key(alias.text)
            if all(a.canonical != alias.canonical for a in index[key]):
                index[key].append(alias)
    return {k: tuple(v) for k, v in index.items()}


def _check_shared(
    index: dict[str, tuple[Alias, ...]],
    preferred: dict[str, str],
    problems: list[str],
    files: dict[str, str],
) -> None:
    """An alias of several actors must be flagged ambiguous in each and have a preference."""
    for key, found in index.items():
        names = {a.canonical for a in found}
        if len(names) < 2:
            continue
        where = ", ".join(sorted({files[n] for n in names}))
        if not all(a.ambiguous for a in found):
            problems.append(
                f"{where}: alias {key!r} maps to {sorted(names)} without an ambiguous flag"
            )
        if preferred_in(preferred, loose_key(key)) not in names:
            problems.append(
                f"{where}: alias {key!r} maps to {sorted(names)} with no entry in "
                f"{PREFERENCES_FILE}"
            )


def build_knowledge(read: Read) -> KnowledgeBase:
    """Index the data files that `read(file name)` returns; inconsistencies go to `problems`."""
    problems: list[str] = []
    entries = [
        (file, kind, entry)
        for file, kind in ACTOR_FILES.items()
        for entry in json.loads(read(file))["actors"]
    ]
    files: dict[str, str] = {}  # canonical name -> the file that defines it
    actors = _build_actors(entries, problems, files)
    loose, exact = _build_index(actors, exact=False), _build_index(actors, exact=True)
    raw_preferred = json.loads(read(PREFERENCES_FILE))["preferred"]
    preferred = {loose_key(k): v for k, v in raw_preferred.items()}
    for alias, actor in raw_preferred.items():
        if actor not in actors:
            problems.append(f"{PREFERENCES_FILE}: {alias!r} prefers unknown actor {actor!r}")
    _check_shared(loose, preferred, problems, files)
    _check_shared(exact, preferred, problems, files)
    taken = set(loose) | {loose_key(k) for k in exact}
    people, found = read_people(read(PEOPLE_FILE), actors, taken)
    problems += found
    return KnowledgeBase(
        actors=actors,
        loose=loose,
        exact=exact,
        preferred=preferred,
        blocked=frozenset(json.loads(read(NOT_ACTORS_FILE))["phrases"]),
        roles=read_roles(read(ROLES_FILE), problems),
        people=people,
        problems=tuple(problems),
    )


def package_data(name: str) -> str:
    return resources.files(__package__).joinpath("data").joinpath(name).read_text(encoding="utf-8")


@cache
def knowledge_base() -> KnowledgeBase:
    """The shipped data files, loaded, checked and indexed once per process."""
    return build_knowledge(package_data)


def data_problems() -> list[str]:
    """Inconsistencies in the shipped data files (empty when they validate)."""
    return list(knowledge_base().problems)

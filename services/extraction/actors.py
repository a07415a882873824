"""Actors knowledge base: countries, regions, organisations and agencies, from data files."""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

Kind = Literal["country", "subnational", "organisation", "agency"]
Scope = Literal["actor", "institution", "self"]
Mention = tuple[int, int, str, str]

_FILES: dict[str, Kind] = {
    "countries.json": "country",
    "subnational.json": "subnational",
    "organisations.json": "organisation",
    "agencies.json": "agency",
}
# Alias fields of a data entry, in the order they are indexed; the category is kept for callers.
_ALIAS_FIELDS = ("official", "aliases", "abbreviations", "demonyms", "metonyms")
# Demonyms that already are plural or have no -s plural ("Swiss", "Chinese", "British").
_NO_PLURAL = ("s", "sh", "ch", "ese", "z", "x", "ic")
# Words that may sit between an actor and a role without changing whom the role speaks for
# ("German financial regulator BaFin", "a senior US official").
_FILLERS = frozenset(
    {"a", "an", "the", "top", "senior", "acting", "policy", "affairs", "financial", "federal"}
    | {"national", "public", "health", "weather", "regional", "central", "markets", "banking"}
    | {"aviation", "nuclear", "watchdog"}
)


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


def fold(text: str) -> str:
    """Drop accents and unify apostrophes and dashes ("Élysée" -> "Elysee", "’" -> "'")."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")


def _strip_frame(text: str) -> str:
    """Remove what surrounds a name but is not part of it: "the", possessive, quotes, spaces."""
    out = " ".join(fold(text).split()).strip("\"'“”,;:()")
    if out.lower().startswith("the "):
        out = out[4:]
    if out.endswith("'s"):
        out = out[:-2]
    elif out.endswith("s'"):
        out = out[:-1]
    return out.strip()


def loose_key(text: str) -> str:
    """Case-, accent-, dot- and punctuation-insensitive key ("the U.S.'s" -> "us")."""
    out = _strip_frame(text).lower().replace("&", " and ").replace("+", " plus ")
    out = out.replace(".", "")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", out).split())


def exact_key(text: str) -> str:
    """Key for case-sensitive aliases: framing removed, case and dots kept ("US", "Ill.")."""
    return _strip_frame(text)


def _plural(demonym: str) -> str | None:
    return None if demonym.endswith(_NO_PLURAL) else demonym + "s"


def _entry_aliases(entry: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(written form, category, the form its flags come from), first occurrence kept."""
    found: dict[str, tuple[str, str, str]] = {}
    for field in ("name", *_ALIAS_FIELDS):
        texts = [entry["name"]] if field == "name" else entry.get(field, [])
        for text in texts:
            found.setdefault(text, (text, field, text))
            plural = _plural(text) if field == "demonyms" else None
            if plural:
                found.setdefault(plural, (plural, field, text))
    return list(found.values())


@dataclass(frozen=True)
class KnowledgeBase:
    """Every actor and the indexes built over their aliases."""

    actors: dict[str, Actor]
    loose: dict[str, tuple[Alias, ...]]
    exact: dict[str, tuple[Alias, ...]]
    preferred: dict[str, str]
    blocked: frozenset[str]
    roles: dict[str, Role]
    problems: tuple[str, ...]


def _preferred_in(preferred: dict[str, str], key: str) -> str | None:
    """The preferred actor for an ambiguous alias key; a plural demonym follows its singular."""
    return preferred.get(key) or (preferred.get(key[:-1]) if key.endswith("s") else None)


def _data_text(name: str) -> str:
    return resources.files(__package__).joinpath("data").joinpath(name).read_text(encoding="utf-8")


def _read_json(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_data_text(name))
    return data


def _read_roles() -> dict[str, Role]:
    text = _data_text("roles.tsv")
    roles: dict[str, Role] = {}
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        scope = row["speaks_for"]
        if scope not in ("actor", "institution", "self"):
            raise ValueError(f"roles.tsv: bad speaks_for {scope!r} for {row['role']!r}")
        roles[row["role"].lower()] = Role(
            role=row["role"],
            speaks_for_government=row["speaks_for_government"] == "true",
            speaks_for=scope,  # type: ignore[arg-type]  # checked just above
            note=row["note"],
        )
    return roles


def _build_actors(
    entries: list[tuple[Kind, dict[str, Any]]], problems: list[str]
) -> dict[str, Actor]:
    # A flag set on one form ("US") covers every form with the same loose key ("U.S.").
    cs_loose = {loose_key(text) for _, entry in entries for text in entry.get("case_sensitive", [])}
    actors: dict[str, Actor] = {}
    for kind, entry in entries:
        name = entry["name"]
        amb = {loose_key(t) for t in entry.get("ambiguous", [])}
        written = _entry_aliases(entry)
        known = {loose_key(t) for t, _, _ in written}
        for flagged in (*entry.get("ambiguous", []), *entry.get("case_sensitive", [])):
            if loose_key(flagged) not in known:
                problems.append(f"{name}: flagged {flagged!r} is not one of its aliases")
        if name in actors:
            problems.append(f"duplicate canonical name {name!r}")
        aliases = tuple(
            Alias(t, name, cat, loose_key(src) in amb, loose_key(src) in cs_loose)
            for t, cat, src in written
        )
        kind_type = str(entry.get("status" if kind == "country" else "type", ""))
        actors[name] = Actor(name, kind, kind_type, entry.get("parent"), aliases)
    for actor in actors.values():
        if actor.parent and actor.parent not in actors:
            problems.append(f"{actor.name}: unknown parent {actor.parent!r}")
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
    index: dict[str, tuple[Alias, ...]], preferred: dict[str, str], problems: list[str]
) -> None:
    """An alias of several actors must be flagged ambiguous in each and have a preference."""
    for key, found in index.items():
        names = {a.canonical for a in found}
        if len(names) < 2:
            continue
        if not all(a.ambiguous for a in found):
            problems.append(f"alias {key!r} maps to {sorted(names)} without an ambiguous flag")
        if _preferred_in(preferred, loose_key(key)) not in names:
            problems.append(f"alias {key!r} maps to {sorted(names)} with no preference")


@cache
def knowledge_base() -> KnowledgeBase:
    """Load, check and index the data files once per process."""
    entries = [(kind, e) for name, kind in _FILES.items() for e in _read_json(name)["actors"]]
    problems: list[str] = []
    actors = _build_actors(entries, problems)
    loose, exact = _build_index(actors, exact=False), _build_index(actors, exact=True)
    preferred = {loose_key(k): v for k, v in _read_json("preferences.json")["preferred"].items()}
    _check_shared(loose, preferred, problems)
    _check_shared(exact, preferred, problems)
    return KnowledgeBase(
        actors=actors,
        loose=loose,
        exact=exact,
        preferred=preferred,
        blocked=frozenset(_read_json("not_actors.json")["phrases"]),
        roles=_read_roles(),
        problems=tuple(problems),
    )


def data_problems() -> list[str]:
    """Inconsistencies in the data files (empty when they validate)."""
    return list(knowledge_base().problems)


def _lookup(name: str) -> tuple[Alias, ...]:
    kb = knowledge_base()
    found = kb.exact.get(exact_key(name)) or kb.loose.get(loose_key(name))
    if found:
        return found
    # List order, as the UN and ISO write it: "Iran (Islamic Republic of)", "Korea, Republic of".
    listed = re.fullmatch(r"\s*([^(),]+?)\s*(?:\((.+)\)|,(.+))\s*", name)
    if listed:
        head, tail = listed.group(1), listed.group(2) or listed.group(3)
        return kb.loose.get(loose_key(f"{tail} {head}")) or kb.loose.get(loose_key(head)) or ()
    return ()


def _pick(found: tuple[Alias, ...]) -> str | None:
    names = list(dict.fromkeys(a.canonical for a in found))
    if len(names) <= 1:
        return names[0] if names else None
    preferred = _preferred_in(knowledge_base().preferred, loose_key(found[0].text))
    return preferred if preferred in names else names[0]


def resolve_actor(name: str) -> str | None:
    """Any alias, metonym, demonym or abbreviation -> canonical actor ("the Kremlin" -> "Russia").

    A name that is an actor followed only by words of a government role is resolved too
    ("Chinese Foreign Ministry" -> "China"); an analyst's or senator's title is not.
    """
    if not name or not name.strip():
        return None
    return _pick(_lookup(name)) or _resolve_composite(name)


def resolve_demonym(adjective: str) -> str | None:
    """A nationality adjective or demonym -> its country ("Russian", "Britons" -> ...)."""
    return _pick(tuple(a for a in _lookup(adjective) if a.category == "demonyms"))


def candidates(alias: str) -> list[str]:
    """Every actor an alias can name, the preferred one first ("Georgia" -> 2 actors)."""
    found = _lookup(alias)
    first = _pick(found)
    rest = [a.canonical for a in found if a.canonical != first]
    return list(dict.fromkeys([first, *rest])) if first else []


def is_ambiguous(alias: str) -> bool:
    """True when an alias needs context: flagged in the data, or naming several actors."""
    found = _lookup(alias)
    return any(a.ambiguous for a in found) or len({a.canonical for a in found}) > 1


def actor_info(canonical: str) -> Actor | None:
    return knowledge_base().actors.get(canonical)


def actor_kind(canonical: str) -> Kind | None:
    actor = actor_info(canonical)
    return actor.kind if actor else None


def parent_of(canonical: str) -> str | None:
    """The country (or union) an agency, sub-national unit or body belongs to."""
    actor = actor_info(canonical)
    return actor.parent if actor else None


def known_actors() -> list[str]:
    """Every canonical actor name, sorted."""
    return sorted(knowledge_base().actors)


def aliases_of(canonical: str) -> list[str]:
    """Every written form of an actor, canonical name first; an alias is resolved first."""
    actor = actor_info(canonical) or actor_info(resolve_actor(canonical) or "")
    return [a.text for a in actor.aliases] if actor else []


@cache
def _role_words() -> frozenset[str]:
    roles = knowledge_base().roles.values()
    return frozenset(w for r in roles if r.speaks_for == "actor" for w in loose_key(r.role).split())


@cache
def _mention_index() -> dict[str, tuple[tuple[str, str | None, str], ...]]:
    """Surface forms keyed by their first two characters, longest first."""
    kb = knowledge_base()
    surfaces: dict[str, tuple[str | None, str]] = {}
    for actor in kb.actors.values():
        for alias in actor.aliases:
            canonical = resolve_actor(alias.text) if not alias.case_sensitive else actor.name
            # Mentions start at the name itself: "the" before it is left to the caller.
            text = alias.text[4:] if alias.text[:4] in ("the ", "The ") else alias.text
            for form in {text, fold(text), text.replace("'", "’")}:
                if len(form) >= 2:
                    surfaces.setdefault(form, (canonical, alias.text))
    for phrase in kb.blocked:
        surfaces[phrase] = (None, phrase)
    index: dict[str, list[tuple[str, str | None, str]]] = defaultdict(list)
    for form, (canonical, alias_text) in surfaces.items():
        index[form[:2]].append((form, canonical, alias_text))
    return {k: tuple(sorted(v, key=lambda s: -len(s[0]))) for k, v in index.items()}


def find_mentions(text: str) -> list[Mention]:
    """Actor mentions as (start, end, canonical, alias), longest match first, on word bounds.

    Matching is case-sensitive on the written forms, so "us" and "turkey" are not actors.
    Phrases such as "South China Sea" or "Washington Post" block the shorter alias inside.
    """
    index = _mention_index()
    found: list[Mention] = []
    resume = 0
    for word in re.finditer(r"\w+", text):
        start = word.start()
        if start < resume:
            continue
        for form, canonical, alias_text in index.get(text[start : start + 2], ()):
            end = start + len(form)
            if not text.startswith(form, start):
                continue
            if form[-1].isalnum() and end < len(text) and (text[end].isalnum() or text[end] == "_"):
                continue
            if canonical is not None:
                found.append((start, end, canonical, alias_text))
            resume = end
            break
    return _by_context(found)


def _by_context(found: list[Mention]) -> list[Mention]:
    """Re-read an alias of several actors by the text's other, unambiguous mentions.

    The preferred reading ("Georgia" the country) stays unless nothing else in the text names
    it, and another reading has at least two supporting mentions: itself by other names, or
    its siblings under one parent ("Tennessee", "Kentucky" for the US state).
    """
    options = {alias: candidates(alias) for _, _, _, alias in found}
    plain = [c for _, _, c, alias in found if len(options[alias]) == 1]

    def evidence(actor: str) -> int:
        parent = parent_of(actor)
        related = {actor}
        if parent is not None:
            related |= {c for c in plain if parent_of(c) == parent}
        return sum(c in related for c in plain)

    out: list[Mention] = []
    for start, end, canonical, alias in found:
        choices = options[alias]
        if len(choices) > 1 and evidence(choices[0]) == 0:
            best = max(choices[1:], key=evidence)
            canonical = best if evidence(best) >= 2 else choices[0]
        out.append((start, end, canonical, alias))
    return out


def _resolve_composite(name: str) -> str | None:
    """An actor plus government-role words ("US State Department spokesperson") -> the actor."""
    roles = knowledge_base().roles
    # "White House NSA": an abbreviation that is also a role ("NSA") is read as the role.
    mentions = [m for m in find_mentions(fold(name)) if loose_key(m[3]) not in roles]
    if not mentions:
        return None
    rest = fold(name)
    for start, end, _, _ in reversed(mentions):
        rest = rest[:start] + " " + rest[end:]
    words = loose_key(rest.replace("'s", " ")).split()
    if any(w not in _role_words() and w not in _FILLERS for w in words):
        return None
    names = list(dict.fromkeys(m[2] for m in mentions))
    # "US CDC": the most specific actor whose parents cover the others.
    for candidate in reversed(names):
        lineage = {candidate}
        parent = parent_of(candidate)
        while parent:
            lineage.add(parent)
            parent = parent_of(parent)
        if set(names) <= lineage:
            return candidate
    return None


def role_of(title: str) -> Role | None:
    """The longest role phrase in a title ("Kremlin spokesman" -> spokesman, speaks for actor)."""
    roles = knowledge_base().roles
    lowered = fold(title).lower().replace("'s", " ").replace("ex-", "ex ")
    words = [w.strip(".,;:()\"'") for w in lowered.split()]
    for size in range(min(6, len(words)), 0, -1):
        # Among equally long phrases the rightmost is the head ("embassy spokesperson").
        for i in range(len(words) - size, -1, -1):
            phrase = " ".join(words[i : i + size])
            role = roles.get(phrase) or (roles.get(phrase[:-1]) if phrase.endswith("s") else None)
            if role:
                return _former(role) if _FORMER & set(words[:i]) else role
    return None


# A former holder ("former US official") no longer speaks for the body they served.
_FORMER = frozenset({"former", "retired", "ex", "erstwhile"})


def _former(role: Role) -> Role:
    note = "former holder: speaks for themselves"
    return Role(f"former {role.role}", False, "self", note)


def roles() -> list[Role]:
    """Every role noun in the data, with whom its holder speaks for."""
    return list(knowledge_base().roles.values())

"""Alias resolution: any written form of an actor -> its canonical name, and facts about it."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from services.actors.knowledge import Actor, Alias, Kind, knowledge_base, preferred_in
from services.actors.names import exact_key, loose_key
from services.actors.people import Office, Person


def aliases_named(name: str) -> tuple[Alias, ...]:
    """Every alias entry a name can be: case-sensitive forms first, then the loose index."""
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


def pick(found: tuple[Alias, ...]) -> str | None:
    """The actor an alias names: the only one, else the preferred one."""
    names = list(dict.fromkeys(a.canonical for a in found))
    if len(names) <= 1:
        return names[0] if names else None
    preferred = preferred_in(knowledge_base().preferred, loose_key(found[0].text))
    return preferred if preferred in names else names[0]


def resolve_alias(name: str) -> str | None:
    """An alias, metonym, demonym or abbreviation as a whole -> canonical actor."""
    if not name or not name.strip():
        return None
    return pick(aliases_named(name))


def resolve_demonym(adjective: str) -> str | None:
    """A nationality adjective or demonym -> its country ("Russian", "Britons" -> ...)."""
    return pick(tuple(a for a in aliases_named(adjective) if a.category == "demonyms"))


def candidates(alias: str) -> list[str]:
    """Every actor an alias can name, the preferred one first ("Georgia" -> 2 actors)."""
    return list(_candidates(alias))


@lru_cache(maxsize=16_384)
def _candidates(alias: str) -> tuple[str, ...]:
    # called for every mention a scan finds: the same few hundred aliases over and over
    found = aliases_named(alias)
    first = pick(found)
    rest = [a.canonical for a in found if a.canonical != first]
    return tuple(dict.fromkeys([first, *rest])) if first else ()


def is_ambiguous(alias: str) -> bool:
    """True when an alias needs context: flagged in the data, or naming several actors."""
    found = aliases_named(alias)
    return any(a.ambiguous for a in found) or len({a.canonical for a in found}) > 1


def actor_info(canonical: str) -> Actor | None:
    return knowledge_base().actors.get(canonical)


def actor_kind(canonical: str) -> Kind | None:
    actor = actor_info(canonical)
    return actor.kind if actor else None


def is_country(canonical: str) -> bool:
    return actor_kind(canonical) == "country"


def parent_of(canonical: str) -> str | None:
    """The country (or union) an agency, sub-national unit or body belongs to."""
    actor = actor_info(canonical)
    return actor.parent if actor else None


def known_actors() -> list[str]:
    """Every canonical actor name, sorted."""
    return sorted(knowledge_base().actors)


def aliases_of(canonical: str) -> list[str]:
    """Every written form of an actor, canonical name first; an alias is resolved first."""
    actor = actor_info(canonical) or actor_info(resolve_alias(canonical) or "")
    return [a.text for a in actor.aliases] if actor else []


def person_named(name: str) -> Person | None:
    """The well-known office holder a whole name is ("Trump", "Sergey Lavrov"), if any."""
    return knowledge_base().people.named(name) if name.strip() else None


def office_of(name: str, on: date | None) -> Office | None:
    """The office a well-known person held on a day (None: the one held today), if any."""
    person = person_named(name)
    return person.office_on(on) if person is not None else None

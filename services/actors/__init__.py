"""Actors and their names: the knowledge base, alias resolution, roles and mention scanning.

Pure (no I/O beyond the package's own data files); used by extraction, the stream and the
alert service alike, so that "Kremlin" means Russia everywhere.
"""

from services.actors.knowledge import Actor, Alias, Kind, Role, data_problems, knowledge_base
from services.actors.lookup import (
    actor_info,
    actor_kind,
    aliases_of,
    candidates,
    is_ambiguous,
    is_country,
    known_actors,
    office_of,
    parent_of,
    person_named,
    resolve_demonym,
)
from services.actors.mentions import Mention, country_of, find_mentions, home_country
from services.actors.names import exact_key, fold, loose_key
from services.actors.people import Office, Person
from services.actors.resolve import lookup_actor, resolve_actor
from services.actors.roles import role_of, roles

__all__ = [
    "Actor",
    "Alias",
    "Kind",
    "Mention",
    "Office",
    "Person",
    "Role",
    "actor_info",
    "actor_kind",
    "aliases_of",
    "candidates",
    "country_of",
    "data_problems",
    "exact_key",
    "find_mentions",
    "fold",
    "home_country",
    "is_ambiguous",
    "is_country",
    "knowledge_base",
    "known_actors",
    "lookup_actor",
    "loose_key",
    "office_of",
    "parent_of",
    "person_named",
    "resolve_actor",
    "resolve_demonym",
    "role_of",
    "roles",
]

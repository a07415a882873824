"""Role nouns ("spokesman", "judge", "lawyer") and whom their holder speaks for."""

from __future__ import annotations

from functools import cache, lru_cache

from services.actors.knowledge import Role, knowledge_base
from services.actors.names import fold, loose_key

# A former holder ("former US official") no longer speaks for the body they served.
_FORMER = frozenset({"former", "retired", "ex", "erstwhile"})


@lru_cache(maxsize=65_536)
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


def _former(role: Role) -> Role:
    note = "former holder: speaks for themselves"
    return Role(f"former {role.role}", False, "self", note)


@cache
def role_words() -> frozenset[str]:
    """Every word of a government role whose holder speaks for the body named with them
    ("Chinese Foreign Ministry spokesman" is China; a "Chinese executive" is not)."""
    roles = knowledge_base().roles.values()
    return frozenset(
        w
        for r in roles
        if r.speaks_for == "actor" and r.speaks_for_government
        for w in loose_key(r.role).split()
    )


def is_role(phrase: str) -> bool:
    return loose_key(phrase) in knowledge_base().roles


def roles() -> list[Role]:
    """Every role noun in the data, with whom its holder speaks for."""
    return list(knowledge_base().roles.values())

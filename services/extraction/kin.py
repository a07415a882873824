"""People described by kinship: "the daughter of late baron Anton Dorn" is, in a story about
Carla Dorn, Carla Dorn; and Anton Dorn, named only as her father, is not whom "Dorn" means."""

from __future__ import annotations

from spacy.tokens import Token

from services.extraction.context import Context
from services.extraction.mentions import Party

# Relations between people: "the daughter of X", "X's widow" name a person, not a body.
KIN = frozenset(
    [
        "wife",
        "husband",
        "son",
        "daughter",
        "father",
        "mother",
        "brother",
        "sister",
        "widow",
        "widower",
        "girlfriend",
        "boyfriend",
        "partner",
        "fiancee",
        "fiancé",
        "friend",
        "cousin",
        "nephew",
        "niece",
        "uncle",
        "aunt",
        "grandson",
        "granddaughter",
    ]
)


def relative_named(head: Token) -> Token | None:
    """The person a kin noun relates its referent to: "Dorn" in "the daughter of Anton Dorn"."""
    if head.lower_ not in KIN:
        return None
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ == "PERSON":
                    return obj
    return None


def kin_epithet(head: Token, ctx: Context) -> Party | None:
    """ "The daughter of Anton Dorn denies ...": the person named before who shares the
    relative's family name, when that is someone else than the relative."""
    relative = relative_named(head)
    if relative is None:
        return None
    surname = relative.text.lower()
    for person in reversed(ctx.mentions.people):
        words = person.name.lower().split()
        if words[-1] == surname and words[0] not in _full_name(relative):
            return person
    return None


def named_as_relative(name_root: Token) -> bool:
    """Whether a person is named only as someone's relative ("the son of Anton Dorn")."""
    prep = name_root.head
    return (
        name_root.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ == "of"
        and prep.head.lower_ in KIN
    )


def _full_name(root: Token) -> set[str]:
    return {t.lower_ for t in root.subtree if t.ent_type_ == "PERSON"}

"""Well-known office holders: whom a person the article does not place speaks for.

"Trump warned ...", "Lavrov said ...": the news names them with no title that places them (or
with a "former" title the knowledge base knows to be outdated: "former president Medvedev"
is deputy chairman of Russia's Security Council); the actors knowledge base says which office
they held on the article's date.
"""

from __future__ import annotations

from services.actors import office_of, person_named
from services.extraction.context import Context


def office_actor(ctx: Context, *names: str) -> str | None:
    """The actor of the office the first known of `names` held on the article's date; None
    when the knowledge base does not know them or they held no office that day."""
    for name in names:
        if person_named(name) is not None:
            office = office_of(name, ctx.published)
            return office.actor if office is not None else None
    return None


def is_office_holder(name: str) -> bool:
    """A name the knowledge base lists as a person ("Macron" is someone, whatever the tagger
    made of the word)."""
    return person_named(name) is not None

"""An epithet's antecedent by its description: "Chinese streaming giant iQiyi" ... "the
streaming service said" is iQiyi, whichever body spoke last."""

from __future__ import annotations

import re

from spacy.tokens import Token

from services.actors import lookup_actor
from services.extraction.context import Context
from services.extraction.mentions import Party

# a name after its description: words with a capital somewhere ("iQiyi", "ExxonMobil")
_NAME = r"((?:[\w&.'’-]*[A-Z][\w&.'’-]*)(?: [\w&.'’-]*[A-Z][\w&.'’-]*){0,3})"
_GAP = r"(?: [a-z][\w-]*){0,2} "  # "streaming giant", "oil producer": up to two more words


def described_before(head: Token, mods: list[Token], ctx: Context) -> Party | None:
    """The single name the article writes right after one of the epithet's own descriptive
    words ("streaming" in "the streaming service"), if exactly one name is so described."""
    words = [
        t.lower_
        for t in mods
        if t.tag_ in ("NN", "VBG", "JJ") and t.text.islower() and t.is_alpha and len(t) > 3
    ]
    found: set[str] = set()
    for word in words:
        for m in re.finditer(rf"\b{re.escape(word)}({_GAP}){_NAME}", ctx.mentions.text):
            if head.lower_ not in m.group(1).split():  # the epithet itself ("streaming service")
                found.add(m.group(2).rstrip(".,"))
    if len(found) != 1:
        return None
    name = found.pop()
    for party in [*reversed(ctx.mentions.speakers), *reversed(ctx.mentions.groups)]:
        if party.name == name and not party.is_person:
            return party
    return Party(name, lookup_actor(name) or name, is_person=False)

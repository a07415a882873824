"""Pieces of noun phrases in a parse: modifiers, names split from their titles, text."""

from __future__ import annotations

from spacy.tokens import Token

from services.actors import is_country, lookup_actor, role_of
from services.extraction.context import Context

NAME_TAGS = frozenset({"NNP", "NNPS"})
# nouns of time: "announced this week" names when, never who
TIMES = frozenset(
    {"week", "weekend", "month", "year", "day", "morning", "afternoon", "evening", "night"}
    | {"today", "yesterday", "tonight", "monday", "tuesday", "wednesday", "thursday"}
    | {"friday", "saturday", "sunday"}
)
_DROP_DEPS = frozenset(
    {"det", "punct", "nummod", "quantmod", "predet", "advmod", "cc", "case", "prep"}
)


def left_mods(head: Token) -> list[Token]:
    return [t for t in head.lefts if t.dep_ not in _DROP_DEPS or t.tag_ == "HYPH"]


def flat_left(head: Token) -> list[Token]:
    """The head's left modifiers in text order, including their own modifiers."""
    out: list[Token] = []
    for mod in left_mods(head):
        out.extend(
            t
            for t in mod.subtree
            if t.i < head.i and (t.dep_ not in ("det", "punct") or t.tag_ == "HYPH")
        )
    return sorted(set(out), key=lambda t: t.i)


def appositive_name(head: Token) -> Token | None:
    """ "the spokesman (of X), Jane Roe,": a person's name in apposition after a role noun."""
    for c in head.subtree:
        if c.i <= head.i or c.dep_ != "appos" or c.tag_ not in NAME_TAGS:
            continue
        if _through_clause(c, head):
            continue  # "the company, which is based in Newton, New Jersey,": the place's
        two_word = any(g.dep_ == "compound" and g.tag_ in NAME_TAGS for g in c.lefts)
        if c.ent_type_ == "PERSON" or (two_word and lookup_actor(c.text) is None):
            return c
    return None


def _through_clause(tok: Token, head: Token) -> bool:
    """Whether `tok` hangs below `head` through a relative clause ("the lawyer representing
    Ford, Debra Katz," is still named by her appositive)."""
    while tok.i != head.i and tok.head.i != tok.i:
        if tok.dep_ == "relcl":
            return True
        tok = tok.head
    return False


def name_tokens(head: Token, ctx: Context) -> tuple[list[Token], list[Token]]:
    """Split "Kremlin spokesman Dmitry Peskov" into the name and the descriptor tokens."""
    left = flat_left(head)
    name = [head]
    for t in reversed(left):
        if t.i != name[0].i - 1:
            break
        word = t.lower_.rstrip(".")
        if t.tag_ not in NAME_TAGS and t.text != "-" and t.tag_ != "HYPH":
            break
        if word in ctx.lexicon.titles or lookup_actor(t.text) is not None:
            break
        if t.i == t.sent.start and role_of(t.text) is not None:
            break  # "Rapper Jo Bell denied ...": a sentence's capital, not part of the name
        name.insert(0, t)
    while len(name) > 1 and not name[0].text[:1].isupper():
        name.pop(0)  # "President-elect Ann Lee": "-elect" is the title's tail, not the name
    descriptors = [t for t in left if t.i < name[0].i]
    # "Meaney-Delman": keep hyphenated right parts
    right = head
    while (
        right.i + 2 < len(right.doc)
        and right.nbor(1).text == "-"
        and right.nbor(2).tag_ in NAME_TAGS
    ):
        name += [right.nbor(1), right.nbor(2)]
        right = right.nbor(2)
    return name, descriptors


def text_of(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


_NAME_LINKS = frozenset({"for", "of", "on", "and", "&"})


def name_tail(head: Token) -> list[Token]:
    """ "Centers for Disease Control", "Ministry of Defence": a name that goes on after its head."""
    tail: list[Token] = []
    for t in head.doc[head.i + 1 : head.sent.end]:
        name_word = t.tag_ in NAME_TAGS and t.ent_iob_ != "B"  # "B" starts another entity
        link = t.lower_ in _NAME_LINKS and (not tail or tail[-1].tag_ in NAME_TAGS)
        if not (name_word or link):
            break
        tail.append(t)
    while tail and tail[-1].tag_ not in NAME_TAGS:
        tail.pop()
    # only when the head began the tail's entity: "Acme said on Monday" adds nothing
    return tail if tail and head.ent_iob_ in ("B", "I") and tail[-1].ent_iob_ == "I" else []


def own_name(name: str) -> str:
    """ "U.S. Consumer Product Safety Commission" -> "Consumer Product Safety Commission": a
    country's abbreviation before a body's full name says where it is, not what it is called
    (a country's name or adjective may be part of it: "Kenya Airways", "Canadian Tire")."""
    first, _, rest = name.partition(" ")
    words = rest.split()
    letters = first.replace(".", "")
    if (
        len(words) >= 3
        and letters.isupper()
        and len(letters) <= 3
        and all(w[:1].isupper() or w in ("of", "and", "for") for w in words)
        and is_country(lookup_actor(first) or "")
    ):
        return rest
    return name

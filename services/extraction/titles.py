"""Bare titles as speakers: "the Health Secretary" is the person named with that title, and a
government title with no country named speaks for the article's country."""

from __future__ import annotations

import re

from spacy.tokens import Token

from services.actors import Role, actor_kind, lookup_actor, role_of
from services.extraction.context import Context
from services.extraction.mentions import Party
from services.extraction.unnamed import unnamed

# A national government's offices: their holders speak for the country even when it is not
# named ("the Health Secretary", "the defence minister"). Governors, mayors and firms' chiefs
# are left out: a bare "the governor" is too often a state's or a bank's.
_NATIONAL = frozenset({"minister or ministry", "head of state or government"})
# "MOSCOW (Reuters) -", "Kyiv, Ukraine --", "(WASHINGTON) —"
_DATELINE = re.compile(
    r"^\s*\(?([A-Z][A-Za-z .'-]{1,40}?)\)?(?:,[^,\n-]{1,30})?\s*(?:\([^)]{1,30}\))?\s*[-—–:]"
)
_NOT_HOLDER = frozenset({"shadow", "former", "ex", "ex-", "then", "deputy", "junior"})
_NAME = r"((?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+){0,2}[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"


def national_role(words: str) -> Role | None:
    """The national-government role named by a title, if it is one."""
    role = role_of(words)
    return role if role is not None and role.note in _NATIONAL else None


def government_country(ctx: Context) -> str | None:
    """Whose government an unplaced minister serves: the country that spoke last, the
    dateline's, else the article's main country."""
    return (
        ctx.mentions.last_country_speaker()
        or _dateline_country(ctx.mentions.text)
        or ctx.mentions.home_country()
    )


def _dateline_country(text: str) -> str | None:
    body = text.split("\n", 1)[-1]
    match = _DATELINE.match(body)
    if match is None:
        return None
    found = lookup_actor(match.group(1).strip().title())
    # a place ("NEW YORK —" is the state's); "(Bloomberg) --" credits the outlet, no place
    return found if found and actor_kind(found) in ("country", "subnational") else None


def title_holder(title: str, ctx: Context) -> Party | None:
    """The person an article names with this title: earlier ("Health Secretary Ann Lee ...
    the Health Secretary said"), or later when the title comes first (a headline)."""
    role = role_of(title)
    if role is None:
        return None
    last_word = role.role.split()[-1]
    earlier = ctx.mentions.person_with_role(last_word)
    if earlier is not None and _role_fits(title, earlier.name, ctx):
        return earlier
    words = [w for w in title.split() if w.lower() not in ("the", "a", "an")]
    if not words:
        return None
    spelled = r"\s+".join(re.escape(w) for w in words)
    pattern = r"\b(?i:" + spelled + r"),?\s+" + _NAME
    for match in re.finditer(pattern, ctx.mentions.text):
        name = match.group(1)
        before = ctx.mentions.text[max(0, match.start() - 12) : match.start()].lower().split()
        if before and before[-1] in _NOT_HOLDER:
            continue  # "shadow health secretary X" does not hold the office
        if lookup_actor(name) is not None:
            continue
        if any(ctx.lexicon.lemma(w) for w in name.split()):
            continue  # a Title Case headline's "Minister Denies Alleged ...": a verb, no name
        name = _drop_titles(name, ctx)
        if name is None:
            continue
        known = ctx.mentions.person(name)
        if known is not None:
            return known
        actor = ctx.memory.actor_of(name)
        if actor is None and role.note in _NATIONAL:
            actor = government_country(ctx)
        return Party(name, actor or name, is_person=True)
    return None


def _role_fits(title: str, person: str, ctx: Context) -> bool:
    """The earlier person's title has the same words ("Health Secretary" is no "Home Secretary")."""
    named = re.search(r"([A-Za-z-]+\s+){0,3}" + re.escape(person), ctx.mentions.text)
    if named is None:
        return True
    wanted = {w.lower() for w in title.split()} - {"the", "a", "an"}
    seen = {w.lower() for w in named.group(0).split()}
    if seen & _NOT_HOLDER and not wanted & _NOT_HOLDER:
        return False  # "shadow health secretary X" is not "the Health Secretary"
    return wanted <= seen or len(wanted) == 1


def _drop_titles(name: str, ctx: Context) -> str | None:
    """ "Mr Ian Lee" -> "Ian Lee"; a name made only of title words is none."""
    words = name.split()
    while words and words[0].lower().rstrip(".") in ctx.lexicon.titles:
        words.pop(0)
    if not words or words[-1].lower() in ctx.lexicon.titles:
        return None
    if words[-1].lower() in {"said", "says", "has", "had", "was", "is", "told"}:
        return None
    return " ".join(words)


def is_bare_title(head: Token, title: str) -> bool:
    """The speaker is a title and nothing else: its head word is the role's own noun."""
    role = national_role(title)
    return role is not None and head.lower_ == role.role.split()[-1]


def bare_title(head: Token, title: str, owner: tuple[str, Party] | None, ctx: Context) -> Party:
    """ "the President of the Bank" speaks for the Bank; "the Health Secretary" is the person
    named with that title; an unplaced minister speaks for the article's country."""
    if owner is not None:
        prep, party = owner
        return Party(f"{title} {prep} {party.name}", party.actor, is_person=False)
    holder = title_holder(title, ctx)
    if holder is not None:
        return holder
    role = national_role(title)
    actor = government_country(ctx) if role is not None else None
    # a title whose country cannot be told ("the Brexit secretary") is no actor of its own
    # "Ministry says ...": a body's title is no person ("it" is then the body itself)
    person = head.tag_ in ("NN", "NNP") and head.lower_ not in BODY_ROLES
    return Party(title, actor or unnamed(title), is_person=person)


# role words that name a body, not a person holding it
BODY_ROLES = frozenset(
    {"ministry", "government", "cabinet", "administration", "presidency", "embassy", "mission"}
    | {"consulate", "military", "army", "navy", "board", "regulator", "agency", "police"}
    | {"broadcaster"}
)


def full_name_later(surname: str, ctx: Context) -> str | None:
    """A headline's bare surname ("Lee warns ...") spelled out further on ("Dana Lee said").

    Only the article itself is asked: a surname alone is too common to look up across
    articles, where it would tie an unrelated "Lee" to whoever was remembered."""
    pattern = rf"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?) {re.escape(surname)}\b"
    for match in re.finditer(pattern, ctx.mentions.text):
        given = match.group(1)  # no possessives: "Germany's Acme" names no person
        if given.lower() not in ctx.lexicon.personal_titles and lookup_actor(given) is None:
            return f"{given} {surname}"
    return None

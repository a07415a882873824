"""One actor, one spelling within an article: "Lind" is the article's "Omar Lind" (pure).

Alerts are keyed by actor, so one person written two ways in one article ("Lind" in the
headline, "Omar Lind" in the text, "Singer Mara Olsen" beside "Mara Olsen") would raise two
alerts for one act. Within an article a short name that ends a longer name of the article is
that name, and a leading word the article also writes in lower case is a common noun ("singer"),
not part of the name. Names the actors knowledge base knows are left as they are: they are
already canonical ("Korea" is not the article's "South Korea").
"""

from __future__ import annotations

from collections.abc import Sequence

from schemas.claims import Claim
from services.actors.lookup import resolve_alias
from services.stream.signature import name_key


def canonical_actors(claims: Sequence[Claim], text: str) -> list[Claim]:
    """`claims` of one article with each actor and speaker written as the article's fullest
    form of that name."""
    lower = {w.strip(".,;:'\"()") for w in text.split() if w[:1].islower()}
    names = {n for c in claims for n in (c.actor, c.speaker) if n}
    forms = {n: _form(n, names, lower) for n in names}
    out = []
    for claim in claims:
        # Speakers too: "same speaker" then holds across the article's spellings of one person.
        names_of = {
            "actor": _canonical(claim.actor, forms),
            "speaker": _canonical(claim.speaker, forms),
        }
        changed = {k: v for k, v in names_of.items() if v != getattr(claim, k)}
        out.append(claim.model_copy(update=changed) if changed else claim)
    return out


def _canonical(actor: str, forms: dict[str, tuple[str, tuple[str, ...]]]) -> str:
    if not actor or actor not in forms or resolve_alias(actor):
        return actor
    form, key = forms[actor]
    # Longer names ending in this one, told apart by their folded words ("Mr Lind" is "Lind").
    longer = {
        k: f
        for f, k in forms.values()
        if key and len(k) > len(key) and k[-len(key) :] == key and not _of_phrase(f, key)
    }
    if len(longer) == 1:
        return next(iter(longer.values()))
    # "Neymar" beside "Neymar da Silva Santos Júnior": one who goes by a single name is
    # written so across outlets, so the longer form joins the mononym the article also uses
    if len(key) < 2:
        return form
    mononyms = {f for f, k in forms.values() if k == key[:1]}
    sharing = {k for _, k in forms.values() if len(k) > 1 and k[:1] == key[:1]}
    return next(iter(mononyms)) if len(mononyms) == 1 and len(sharing) == 1 else form


# Words that make "CEO of CrowdStrike" a phrase about CrowdStrike, not a longer name of it.
_LINKS = frozenset({"of", "for", "at", "to", "from", "in", "the", "and"})


def _of_phrase(longer: str, key: tuple[str, ...]) -> bool:
    prefix = longer.split()[: -len(key)]
    return any(w.lower() in _LINKS for w in prefix)


def _form(name: str, names: set[str], lower: set[str]) -> tuple[str, tuple[str, ...]]:
    """How the article writes `name` at its barest, and that form's folded words: without
    leading words it also writes in lower case ("Singer Mara Olsen" is "Mara Olsen"), when
    the article names that bare form too."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in lower and not words[0].isupper():
        words = words[1:]
    bare = " ".join(words)
    form = bare if bare in names else name
    return form, tuple(name_key(form).split())

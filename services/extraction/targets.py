"""Whom a speech act is aimed at: "warned China", "accused Washington", "rejects US assertions"."""

from __future__ import annotations

from spacy.tokens import Token

from services.actors import lookup_actor

_NAME_TAGS = frozenset({"NNP", "NNPS"})
_AIM_DEPS = frozenset({"dobj", "dative", "iobj"})
_AIM_PREPS = frozenset({"against", "of", "at", "to"})


def target_of(cue: Token | None, content: list[Token], speaker_actor: str) -> str | None:
    """The first actor the cue names as its object, else the first other actor in the content."""
    if cue is not None:
        for c in cue.children:
            if c.dep_ in _AIM_DEPS or (c.dep_ == "prep" and c.lower_ in _AIM_PREPS):
                found = _actors_in(list(c.subtree), speaker_actor)
                if found:
                    return found[0]
    found = _actors_in(content, speaker_actor)
    return found[0] if found else None


def _actors_in(tokens: list[Token], speaker_actor: str) -> list[str]:
    out: list[str] = []
    run: list[Token] = []
    for t in [*tokens, None]:
        if t is not None and _name_like(t):
            if run and t.i != run[-1].i + 1:
                out.extend(_resolve_run(run))
                run = []
            run.append(t)
            continue
        if run:
            out.extend(_resolve_run(run))
            run = []
    return [a for a in out if a != speaker_actor]


def _name_like(t: Token) -> bool:
    # a capitalised adjective is a nationality ("Lebanese"): names are not recognised inside
    # a long quote, so its tag says it there
    return (
        t.tag_ in _NAME_TAGS
        or t.ent_type_ in ("NORP", "GPE", "ORG")
        or (t.tag_ == "JJ" and t.text[:1].isupper())
    )


def _resolve_run(run: list[Token]) -> list[str]:
    doc = run[0].doc
    whole = lookup_actor(doc[run[0].i : run[-1].i + 1].text)
    if whole is not None:
        return [whole]
    singles = [lookup_actor(t.text) for t in run]
    return [a for a in singles if a is not None]

"""One claim per speech act: a speaker's same type in one sentence is told once.

The rules emit a claim per reporting verb ("rebuffed the report, calling it false" gives two
denials) and the combiner may retype an assertion into a type its sentence already has; both
are one act to a reader and to the annotation guidelines, and a second copy is a false alert.
Two types in one sentence ("denied A and warned B") stay two claims.
"""

from __future__ import annotations

from collections.abc import Sequence

from schemas.claims import Claim


def act_key(claim: Claim) -> tuple[str, int, str, str]:
    return (claim.span.field, claim.span.start, claim.speaker, claim.type.value)


def repeats(claims: Sequence[Claim | None]) -> set[int]:
    """Positions of claims that repeat an earlier claim's act (None: a dropped candidate)."""
    seen: set[tuple[str, int, str, str]] = set()
    out = set()
    for i, claim in enumerate(claims):
        if claim is None:
            continue
        key = act_key(claim)
        if key in seen:
            out.add(i)
        seen.add(key)
    return out


def one_per_act(claims: Sequence[Claim]) -> list[Claim]:
    """The claims with each act's first telling only, in order."""
    drop = repeats(claims)
    return [c for i, c in enumerate(claims) if i not in drop]

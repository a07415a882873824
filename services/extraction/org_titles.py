"""A person the article titles by a body's office: "WHO chief Tedros Adhanom Ghebreyesus",
"EU trade chief Ana Lind", "Acme CEO Jo Park". The parser may misread such a name's title
(it takes "WHO chief" for a question), so the article's text is read for it directly."""

from __future__ import annotations

from services.actors import actor_kind, lookup_actor, role_of
from services.extraction.untitled import words_before

_PORTFOLIO = 2  # "trade chief", "health agency director": lower-case words before the role
_BODY_WORDS = 4
_NOT_HOLDER = frozenset({"former", "ex", "ex-", "then", "late", "acting", "deputy"})


def titled_body(name: str, text: str) -> str | None:
    """The organisation whose office the article puts right before this person's name, when
    the knowledge base knows it as an organisation or agency (not a country: untitled.py)."""
    for before, _ in words_before(name, text):
        body = _body_before_role(before)
        if body is not None:
            return body
    return None


def _body_before_role(before: list[str]) -> str | None:
    role = role_of(before[-1].lower()) if before else None
    if role is None or role.speaks_for != "actor":
        return None  # "Supreme Court nominee X" speaks for no court
    i = len(before) - 1
    while i > 0 and len(before) - i <= _PORTFOLIO and before[i - 1].islower():
        i -= 1  # "trade" in "EU trade chief"
    if i > 0 and before[i - 1].lower() in _NOT_HOLDER:
        return None
    for n in range(min(_BODY_WORDS, i), 0, -1):
        run = before[i - n : i]
        if not all(w[:1].isupper() for w in run):
            continue
        found = lookup_actor(" ".join(run))
        if found is not None:
            if i - n > 0 and before[i - n - 1].lower() in _NOT_HOLDER:
                return None  # "former NATO chief"
            return found if actor_kind(found) in ("organisation", "agency") else None
    return None

"""US party labels after a name: "Nancy Roe (D-Calif.)", "Bo Diaz, R-Texas,": the legislator
speaks for the party, as annotators read it; a former member speaks for no one but themselves."""

from __future__ import annotations

import re

from spacy.tokens import Token

_LABEL = re.compile(r"\s*(?:\(|,\s*)([DR])-[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?[.)]?")
_PARTIES = {"D": "Democratic Party", "R": "Republican Party"}
_NO_LONGER = frozenset({"former", "ex", "ex-", "then"})


def party_label(name_end: Token, descriptors: list[Token]) -> str | None:
    """The party a label right after a name gives, unless the title says the seat was held."""
    if any(t.lower_.rstrip(".") in _NO_LONGER for t in descriptors):
        return None
    # the 24 characters after the name: each token holds at least one, so 25 tokens cover
    # them (`doc.text` would join the whole sentence again for every speaker)
    after = name_end.doc[name_end.i : name_end.i + 26].text_with_ws[len(name_end.text) :]
    found = _LABEL.match(after[:24])
    return _PARTIES[found.group(1)] if found else None

"""A claim's content as the proposition only: no "that", no attribution tail."""

from __future__ import annotations

import re

from services.extraction.lexicon import Lexicon

# a quote mark may sit either side of the comma: `safe,” he said` and `safe”, he said`
_SEP = r"\s*(?:,\s*[”\"’']|[”\"’']?\s*,)\s+"
_LEAD = re.compile(
    r"^[“\"‘']?(?:(?:claims?|allegations?|reports?|says?|said|saying)\s+)?that\s+", re.IGNORECASE
)
_ACCORDING = re.compile(_SEP + r"according\s+to\b.*$", re.IGNORECASE | re.DOTALL)
# a word that starts a new clause, not a speaker's name: ", and the minister said more"
_CLAUSE = r"(?:and|but|or|while|as|because|which|who|that|if|when|so)\b"
MIN_WORDS = 2  # what is left must still say something


def proposition(text: str, lex: Lexicon) -> str:
    """ "that talks failed, according to X" -> "talks failed"; ", X said" and ", said X" too."""
    out = _ACCORDING.sub("", text)
    out = _speaker_tail(lex).sub("", out)
    out = _LEAD.sub("", out, count=1)
    out = out.strip(' ,:;“”"')
    return out if len(out.split()) >= MIN_WORDS else text


_TAILS: dict[int, re.Pattern[str]] = {}


def _speaker_tail(lex: Lexicon) -> re.Pattern[str]:
    """`, said Ann Lee, a spokeswoman` or `, the minister told reporters.` at the end."""
    found = _TAILS.get(id(lex))
    if found is None:
        verbs = sorted(
            (f for f, lemma in lex.forms.items() if lex.verbs.get(lemma) and not f.endswith("ing")),
            key=len,
            reverse=True,
        )
        alt = "|".join(re.escape(v) for v in verbs)
        # ", said X ..." runs to the end; ", X said ..." names X in a few words without a comma
        found = re.compile(
            rf"{_SEP}(?:(?:{alt})\b.*|(?:(?!{_CLAUSE})[\w.’'-]+\s+){{1,7}}?(?:{alt})"
            rf"(?:\s+[\w’'-]+){{0,4}}[.!]?)$",
            re.IGNORECASE | re.DOTALL,
        )
        _TAILS[id(lex)] = found
    return found

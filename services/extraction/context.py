"""What resolving a speaker needs: the lexicon, the article's mentions, the people memory."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.extraction.lexicon import Lexicon
from services.extraction.mentions import Mentions, PeopleMemory


@dataclass(frozen=True)
class Context:
    lexicon: Lexicon
    mentions: Mentions
    memory: PeopleMemory
    # the article's date: a well-known person speaks for the office held that day (None: today)
    published: date | None = None

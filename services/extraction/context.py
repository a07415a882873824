"""What resolving a speaker needs: the lexicon, the article's mentions, the people memory."""

from __future__ import annotations

from dataclasses import dataclass

from services.extraction.lexicon import Lexicon
from services.extraction.mentions import Mentions, PeopleMemory


@dataclass(frozen=True)
class Context:
    lexicon: Lexicon
    mentions: Mentions
    memory: PeopleMemory

"""Claim extraction: a pure library turning articles into attributed, typed claims."""

from services.extraction.extractor import Extractor
from services.extraction.mentions import PeopleMemory
from services.extraction.model import load_nlp

__all__ = ["Extractor", "PeopleMemory", "load_nlp"]

"""The cue lexicon: reporting verbs with their types and the phrase lists that type content."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from services.extraction.regex_union import union

# Verb types in data/cues.json besides the four claim types.
CONTENT = "content"  # typed by what is said
SENSE = "sense"  # a denial only when aimed at an allegation ("reject a report", not "a proposal")
ADVISORY = "advisory"  # a warning when it tells people to avoid, stop or leave something


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, str]  # lemma -> verb type
    forms: dict[str, str]  # inflected form -> lemma
    light_verbs: frozenset[str]
    speech_nouns: dict[str, str]  # "warning" -> "warning", "statement" -> content
    allegation_nouns: frozenset[str]
    denial_words: re.Pattern[str]
    denial_phrases: re.Pattern[str]  # a denial on their own: "did nothing wrong", "never happened"
    accusation_patterns: re.Pattern[str]
    warning_patterns: re.Pattern[str]
    advisory_verbs: frozenset[str]
    threat_verbs: frozenset[str]  # "vowed to retaliate": a promise of harm is a warning
    titles: frozenset[str]
    representative_roles: frozenset[str]
    government_roles: frozenset[str]  # speak for their country when it is not named
    anaphoric_nouns: frozenset[str]
    non_speakers: frozenset[str]
    rubrics: frozenset[str]  # "Analysis: ..." headlines name a section, not a speaker
    personal_titles: frozenset[str]  # "Gov." in "Gov. Ann Lee": the name is a person's
    male_titles: frozenset[str]
    female_titles: frozenset[str]
    documents: frozenset[str]  # "the report said": speaks only through its author
    media_nouns: frozenset[str]  # "the newspaper" ...
    media_words: frozenset[str]  # ... is the last name with "Times", "Mail", "News"
    attitude_nouns: frozenset[str]  # "expressed concern": a stance is a speech act
    addressees: frozenset[str]  # "people should ...": advice to the public
    title_lowercase: frozenset[str]  # words lowered in Title Case headlines before parsing
    person_nouns: frozenset[str] = frozenset()  # "the former boss": one person, not a group
    organisation_nouns: frozenset[str] = frozenset()  # "glass producer Acme Rossi": a company
    # verbs that are cues only with a clause to carry what was said (induced cues of no fixed
    # type: "spoke to reporters" says nothing, "spoke of a plot to ..." does)
    clause_only: frozenset[str] = frozenset()
    # "shot down the claims": verb + particle cues, "shoot down" -> type, and each form of the
    # verb -> (its lemma, the particles it takes)
    phrasal_verbs: dict[str, str] = field(default_factory=dict)
    phrasal_forms: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)

    def phrasal(self, form: str, particle: str) -> str | None:
        """The phrasal cue a verb form makes with a particle ("shot", "down" -> "shoot down")."""
        found = self.phrasal_forms.get(form.lower())
        if found is None or particle.lower() not in found[1]:
            return None
        return f"{found[0]} {particle.lower()}"

    def lemma(self, form: str) -> str | None:
        """The cue lemma of a verb form ("warned" -> "warn"), or None if it is no cue."""
        return self.forms.get(form.lower())


def inflections(lemma: str) -> set[str]:
    """Regular English verb forms: warn -> warns, warned, warning."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
        # admit -> admitted, rebut -> rebutted: short final consonant doubles
        if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma) and lemma.endswith(
            ("it", "ut", "et", "ot")
        ):
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    return union(patterns, re.IGNORECASE)  # same as "(?:A)|(?:B)|...", scanned faster


def _words(words: list[str]) -> re.Pattern[str]:
    return _alternation([rf"\b{re.escape(w)}\b" for w in words])


@cache
def load_lexicon() -> Lexicon:
    """Read data/cues.json once (package data, not run-time I/O of articles)."""
    raw = json.loads(resources.files(__package__).joinpath("data/cues.json").read_text("utf-8"))
    verbs: dict[str, str] = raw["verbs"]
    forms = {form: lemma for lemma in verbs for form in inflections(lemma)}
    forms.update(raw["irregular"])
    light = raw["light_verbs"]
    light_forms = {form: lemma for lemma in light["verbs"] for form in inflections(lemma)}
    light_forms.update(
        {"gave": "give", "given": "give", "made": "make", "sent": "send", "put": "put"}
    )
    return Lexicon(
        verbs=verbs,
        forms=forms | {f: lemma for f, lemma in light_forms.items() if f not in forms},
        light_verbs=frozenset(light["verbs"]),
        speech_nouns={k: v for k, v in light["nouns"].items() if not k.startswith("_")},
        allegation_nouns=frozenset(raw["allegation_nouns"]),
        denial_words=_words(raw["denial_words"]),
        denial_phrases=_words(raw["denial_phrases"]),
        accusation_patterns=_alternation(raw["accusation_patterns"]),
        warning_patterns=_alternation(raw["warning_patterns"]),
        advisory_verbs=frozenset(raw["advisory_verbs"]),
        threat_verbs=frozenset(raw["threat_verbs"]),
        titles=frozenset(raw["titles"]),
        representative_roles=frozenset(raw["representative_roles"]),
        government_roles=frozenset(raw["government_roles"]),
        anaphoric_nouns=frozenset(raw["anaphoric_nouns"]["nouns"]),
        non_speakers=frozenset(raw["non_speakers"]),
        rubrics=frozenset(raw["rubrics"]),
        personal_titles=frozenset(raw["personal_titles"]),
        male_titles=frozenset(raw["male_titles"]),
        female_titles=frozenset(raw["female_titles"]),
        documents=frozenset(raw["documents"]),
        media_nouns=frozenset(raw["media_nouns"]),
        media_words=frozenset(raw["media_words"]),
        attitude_nouns=frozenset(raw["attitude_nouns"]),
        addressees=frozenset(raw["addressees"]),
        title_lowercase=frozenset(raw["stopwords_title"])
        | frozenset(forms)
        | frozenset(raw["advisory_verbs"]),
        person_nouns=frozenset(raw["person_nouns"]["nouns"]),
        organisation_nouns=frozenset(raw["organisation_nouns"]["nouns"]),
        phrasal_verbs=dict(raw["phrasal_verbs"]["verbs"]),
        phrasal_forms=_phrasal_forms(raw["phrasal_verbs"]),
    )


def _phrasal_forms(raw: dict[str, Any]) -> dict[str, tuple[str, frozenset[str]]]:
    particles: dict[str, set[str]] = {}
    for phrase in raw["verbs"]:
        verb, particle = phrase.split()
        particles.setdefault(verb, set()).add(particle)
    forms = {f: v for v in particles for f in inflections(v)} | dict(raw["irregular"])
    return {f: (v, frozenset(particles[v])) for f, v in forms.items() if v in particles}

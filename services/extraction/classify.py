"""Typing a speech act: from the cue's lexical type and sense, else from what is said."""

from __future__ import annotations

import re

from spacy.tokens import Token

from schemas.claims import ClaimType
from services.actors.lookup import actor_info
from services.extraction.absence import nobody_did, nothing_there
from services.extraction.advice import (
    advises_against,
    advises_public,
    negative_imperative,
    tells_public,
)
from services.extraction.correction import corrects
from services.extraction.exoneration import clears_self
from services.extraction.falsity import (
    calls_false,
    denies_identity,
    predicates_false,
    scorns_claim,
    without_attributive,
)
from services.extraction.lexicon import ADVISORY, SENSE, Lexicon
from services.extraction.mentions import Party
from services.extraction.negation import (
    MODALS,
    PAST_AUX,
    denies_plan,
    grievance,
    is_self,
    rebuts_by_negation,
    ruled_out,
)
from services.extraction.spoken_text import spoken_text
from services.extraction.wordlist import words

_TYPED = {t.value: t for t in ClaimType}
# "there is no reason to stop using it": the advice is waved away, so it warns of nothing
_NO_NEED = re.compile(r"\b(?:no|little) (?:reason|need) to (?:\w+ ){1,3}", re.IGNORECASE)


def type_of_cue(
    cue: Token, verb_type: str, content: list[Token], speaker: Party, lex: Lexicon
) -> tuple[ClaimType, bool]:
    """The type of a cue's speech act and whether the cue itself said so (direct evidence)."""
    if verb_type == ClaimType.DENIAL.value and refuses(cue, lex):
        return ClaimType.ASSERTION, True  # "the judge denied him bail": a refusal, no denial
    if verb_type in (ClaimType.DENIAL.value, SENSE) and any(c.dep_ == "neg" for c in cue.children):
        return ClaimType.ASSERTION, True  # "did not deny reports that ...": no denial made
    if verb_type in _TYPED:
        return _TYPED[verb_type], True
    if verb_type == SENSE:
        if aimed_at_allegation(cue, lex):
            return ClaimType.DENIAL, True
        return ClaimType.ASSERTION, True  # rejecting a proposal or an offer
    if verb_type == ADVISORY and advises_against(cue, lex):
        return ClaimType.WARNING, True
    if verb_type == ADVISORY and not any(c.dep_ == "ccomp" for c in cue.children):
        return ClaimType.ASSERTION, True  # "urged Ruritania to return to talks": a demand
    # "advised that the tariff would rise until ...": a clause said, typed by what it says
    if tells_public(cue, lex):
        return ClaimType.WARNING, True
    return type_of_content(content, speaker, lex), False


def named_act(cue: Token, lex: Lexicon) -> ClaimType | None:
    """ "The warning was announced by ...", "a warning from the ministry, in which it said
    ...": a noun on the cue names what the act is."""
    # not the object: "described the threats as a bluff" speaks of a warning, makes none
    nouns = [c for c in cue.children if c.dep_ == "nsubjpass"]
    if cue.dep_ == "relcl":
        nouns.append(cue.head)
    for noun in nouns:
        found = lex.speech_nouns.get(noun.lower_)
        if found in (ClaimType.WARNING.value, ClaimType.DENIAL.value):
            return _TYPED[found]
    return None


# What one is denied when "deny" refuses rather than disputes ("denied the request").
_REFUSED = frozenset(
    {
        "bail",
        "request",
        "requests",
        "application",
        "applications",
        "motion",
        "appeal",
        "appeals",
        "permission",
        "access",
        "entry",
        "visa",
        "visas",
        "petition",
        "bid",
        "parole",
        "asylum",
        "leave",
        "licence",
        "license",
        "approval",
    }
)


def refuses(verb: Token, lex: Lexicon) -> bool:
    """ "denied him bail", "denied the request": a thing withheld, not a denial of what is
    alleged (two objects alone do not tell: "denies claims in a Reuters report" parses so)."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative", "nsubjpass")]
    return any(o.lower_ in _REFUSED for o in objects)


# "pledged to defend its position": a stance kept, no blow promised
_STANCES = words("position positions stance decision record view views policy title reputation")


def promises_harm(verb: Token, lex: Lexicon) -> bool:
    """ "vowed to retaliate", "pledged to defend its borders": a promised blow is a warning."""
    if not verb.lower_.startswith(("vow", "pledg", "promis", "swor", "swear")):
        return False
    return any(
        c.dep_ == "xcomp"
        and c.lower_ in lex.threat_verbs
        and not any(o.dep_ == "dobj" and o.lower_ in _STANCES for o in c.children)
        for c in verb.children
    )


def aimed_at_allegation(verb: Token, lex: Lexicon) -> bool:
    """ "rejected the report", "dismissed the claims as false", "rejects allegations"."""
    # "hit back at claims": the parser may hang the preposition on the particle
    particles = [c for c in verb.children if c.dep_ in ("prt", "advmod")]
    for c in [*verb.children, *(g for p in particles for g in p.children)]:
        if c.dep_ in ("dobj", "nsubjpass") and (c.lower_ in lex.allegation_nouns):
            return True
        if c.dep_ in ("oprd", "acomp") and any(
            g.dep_ == "dobj" and g.lower_ in lex.allegation_nouns for g in c.children
        ):
            return True  # "rejects 'baseless' accusations": the parser hung the object lower
        if (
            c.dep_ == "prep"
            and c.lower_ in ("at", "against", "on")
            and any(g.dep_ == "pobj" and g.lower_ in lex.allegation_nouns for g in c.children)
        ):
            return True  # "hit back at claims", "pushed back against the reports"
        if c.dep_ == "prep" and c.lower_ == "as":
            text = " ".join(t.lower_ for t in c.subtree)
            if lex.denial_words.search(text):
                return True
    return _object_words_name_allegation(verb, lex)


def _object_words_name_allegation(verb: Token, lex: Lexicon) -> bool:
    """ "Acme rejects whistleblower claims about ...": headlines mis-parse ("claims" as a
    verb), so the words right after the verb, up to a preposition or a break, are read too."""
    for t in verb.doc[verb.i + 1 : verb.i + 6]:
        if t.tag_ in ("IN", "CC", "TO") or t.is_punct or t.is_quote:
            return False
        if t.lower_ in lex.allegation_nouns:
            return True
    return False


def type_of_content(tokens: list[Token], speaker: Party, lex: Lexicon) -> ClaimType:
    """Type what is said: inner cue verb, accusation, warning, denial phrases, negation."""
    if not tokens:
        return ClaimType.ASSERTION
    # quote marks split a phrase the patterns read whole: 'would cause "a lot of casualties"'
    text = spoken_text(tokens)
    inner = _inner_cue_type(tokens, lex, speaker)
    if inner is not None:
        return inner
    if scorns_claim(tokens, lex):
        return ClaimType.DENIAL  # "the insinuation was insulting and irresponsible"
    if lex.accusation_patterns.search(text):
        return ClaimType.ACCUSATION
    if (
        lex.warning_patterns.search(_NO_NEED.sub("", text))
        or negative_imperative(tokens)
        or advises_public(tokens, lex)
    ):
        return ClaimType.WARNING
    if calls_false(without_attributive(tokens, lex), lex) or predicates_false(tokens, lex):
        return ClaimType.DENIAL
    if denies_identity(tokens, lex):
        return ClaimType.DENIAL  # "the report is not an intelligence report"
    if reports_news(speaker, lex):
        # "The RIA news agency said he had not been in the Kremlin": an outlet telling a
        # negative fact reports it; it denies only with a word that says so (above)
        return ClaimType.ASSERTION
    if rebuts_by_negation(tokens, speaker.actor, speaker.is_person, speaker.plural):
        return ClaimType.DENIAL
    if ruled_out(tokens):
        return ClaimType.DENIAL  # "the diesel could not have produced the residue"
    if denies_plan(tokens):
        return ClaimType.DENIAL  # "PM not resigning, says spokesman"
    if nothing_there(tokens):
        return ClaimType.DENIAL  # "there has not been a single injury", "there is no problem"
    if nobody_did(tokens):
        return ClaimType.DENIAL  # "no one has made any threats", "neither of them did it"
    if corrects(tokens):
        return ClaimType.DENIAL  # "rebels, not the army, shelled the village"
    if clears_self(tokens, lambda s: is_self(s, speaker.actor, speaker.is_person, speaker.plural)):
        return ClaimType.DENIAL  # "I am not a cheat", "he is innocent"
    return ClaimType.ASSERTION


def reports_news(speaker: Party, lex: Lexicon) -> bool:
    """A news outlet: a medium the knowledge base knows, or one named by a media noun."""
    info = actor_info(speaker.actor)
    if info is not None and info.kind != "country" and info.type == "media":
        return True
    words = speaker.name.lower().split()
    # "the weather agency" is a public body: an agency is an outlet as a "news agency"
    return not speaker.is_person and (
        "news" in words or any(w in lex.media_nouns and w != "agency" for w in words)
    )


def _inner_cue_type(tokens: list[Token], lex: Lexicon, speaker: Party) -> ClaimType | None:
    """ "said he completely rejects the allegations": the inner verb types the claim."""
    for t in tokens:
        if not t.tag_.startswith("VB"):
            continue
        # "a statement dismissing the claim", "a letter threatening to cut ties": a participle
        # on the speech act says what it does
        if t.dep_ not in ("ROOT", "ccomp", "conj", "xcomp") and not _on_the_act(t, lex):
            continue
        if t.dep_ == "xcomp" and any(c.lower_ == "to" for c in t.children) and t.head.lower_ in _BE:
            continue  # "to deny the agency's power is to deny its standards": no one denies
        lemma = lex.lemma(t.text)
        vt = lex.verbs.get(lemma or "")
        if vt == "warning" and _warned_not_warning(t):
            continue  # "we will not be threatened", "his office had been warned": no warning
        if vt == "warning" and _someone_else(t, speaker, lex):
            continue  # "saddened after diplomats warned ...": another's warning, in passing
        if vt in ("denial", "accusation", "warning"):
            return _TYPED[vt]
        if vt == SENSE and aimed_at_allegation(t, lex):
            return ClaimType.DENIAL
        if vt == ADVISORY and advises_against(t, lex):
            return ClaimType.WARNING
    return None


def _warned_not_warning(verb: Token) -> bool:
    """A passive warning verb reports who was warned, unless it announces a warning to come
    ("the mayors will be warned"): "had been warned", "we will not be threatened"."""
    deps = {c.dep_ for c in verb.children}
    if "auxpass" not in deps:
        return False
    return "neg" in deps or not any(c.lower_ in MODALS for c in verb.children if c.dep_ == "aux")


_BE = words("is are was were be 's")


def _someone_else(verb: Token, speaker: Party, lex: Lexicon) -> bool:
    """Whether a verb's subject is a name or noun for another side than the speaker's ("the
    firm" may be the speaker's client, a pronoun the speaker)."""
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subj or subj[0].tag_ in ("PRP", "WP", "WDT", "DT"):
        return False
    if subj[0].lower_ in lex.anaphoric_nouns:
        return False
    return not is_self(subj[0], speaker.actor, speaker.is_person, speaker.plural)


# what carries a speech act: "a letter threatening ...", "a video denying ..."
_VEHICLES = words(
    "statement statements letter letters video post posts message tweet interview speech"
    " release note op-ed column"
)


def _on_the_act(t: Token, lex: Lexicon) -> bool:
    """ "a statement dismissing the claim", "spoke at a rally, warning that ...": a participle
    on the speech act (not on a thing spoken of: "the lawsuit accusing him") says what it does."""
    if t.tag_ != "VBG":
        return False
    if t.dep_ == "advcl":
        return True
    if t.dep_ != "acl":
        return False
    noun = t.head
    if noun.dep_ == "pobj" and noun.head.head.i != noun.head.i:
        noun = noun.head.head  # "a statement on social media dismissing ...": hung on "media"
    return noun.lower_ in _VEHICLES or noun.lower_ in lex.speech_nouns


def negates_deed(tokens: list[Token]) -> bool:
    """ "the minister has not travelled there": a past deed said not to have happened,
    whoever did it (a rebuttal when the same speaker denies the story elsewhere)."""
    for t in tokens:
        if not t.tag_.startswith("VB") or not any(c.dep_ == "neg" for c in t.children):
            continue
        aux = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
        if any(c.lower_ == "yet" for c in t.children) or grievance(t):
            continue  # "has not yet decided": still open; "has not been consulted": a grievance
        past = t.tag_ != "VBG" and (t.tag_ in ("VBD", "VBN") or bool(aux & PAST_AUX))
        if past and not aux & MODALS:
            return True
    return False

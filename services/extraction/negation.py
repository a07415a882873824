"""Denial by negation: the speaker's side says it did not do a deed ("we have not asked for
help") or does not do a thing it is said to do ("we don't shell villages")."""

from __future__ import annotations

from spacy.tokens import Token

from services.actors import person_named, role_of
from services.extraction.actor_lookup import lookup_actor
from services.extraction.wordlist import words

# "won't" and "can't" come apart as "wo"/"ca" + "n't"
MODALS = frozenset(
    {"could", "can", "will", "would", "may", "might", "should", "must", "'ll", "wo", "ca", "sha"}
)
# "should never have been written", "must not have known": a judgement or a guess, no rebuttal
_DEONTIC = frozenset({"should", "must", "ought", "may", "might"})
PAST_AUX = frozenset({"has", "have", "had", "did", "was", "were", "'s", "'ve", "'d"})
# "I have not seen the report", "he had not received complaints": not perceiving or
# receiving something rebuts no allegation
_PERCEPTION = words(
    "see saw seen hear heard read receive received know knew known notice noticed learn"
    " learned learnt watch watched expect expected get got gotten"
)
# "we don't want a war", "I don't think so": a stance or a state, not a practice disowned
STANCE_VERBS = words(
    "want need think believe know expect see plan intend like hope wish care mind agree"
    " understand accept support have feel remember recall rule exclude seem appear mean"
    " anticipate foresee envisage"
)
# "we have not been consulted", "they were not offered the same rise": a grievance about what
# others did not do for the speaker, not a deed of theirs denied
_GRIEVANCE = words(
    "consulted informed notified told invited offered paid given briefed contacted"
    " allowed warned asked shown"
)
# "he has definitely not been sacked", "talks have not even begun": a flat rebuttal
_EMPHATIC = frozenset(
    {"definitely", "categorically", "absolutely", "certainly", "emphatically", "even"}
)


def is_self(subj: Token, actor: str, is_person: bool, plural: bool) -> bool:
    """Whether a subject names the speaker's own side ("we", "he" for a person, its name)."""
    low = subj.lower_
    if low in ("i", "we"):
        return True
    if low in ("he", "she"):
        return is_person or not plural  # "the senator said he was not involved"
    if low == "it":
        return not is_person
    if low == "they":
        return plural or not is_person
    # "Borussia Dortmund did not ...": the name is the head with its compounds
    name = " ".join(t.text for t in subj.subtree if t.dep_ == "compound" or t.i == subj.i)
    if any(lookup_actor(n) == actor or n == actor for n in {subj.text, name}):
        return True
    # "Macron never suggested resigning, says the presidential office": a head of the
    # speaker's side, as the knowledge base's offices say
    person = person_named(name)
    return person is not None and any(o.actor == actor for o in person.offices)


def grievance(verb: Token) -> bool:
    """ "We have not been consulted": what others did not do for the speaker."""
    return verb.lower_ in _GRIEVANCE and any(c.dep_ == "auxpass" for c in verb.children)


def negated(verb: Token) -> bool:
    """ "did not go", "don’t attack": the parser may hang a curly "n’t" on the auxiliary."""
    return any(
        c.dep_ == "neg" or (c.dep_ == "aux" and any(n.dep_ == "neg" for n in c.children))
        for c in verb.children
    )


def _subject(t: Token) -> list[Token]:
    subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj and t.dep_ == "conj":
        # "he is retired and has not indicated ...": the first verb's subject is shared
        subj = [c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subj


_WAS = frozenset({"was", "were", "is", "are", "been", "be"})


def _somewhere(be: Token) -> bool:
    """ "was not in the Kremlin", "were not at the base": a place someone was (not "was not
    behind the attack", "was not in on the plot")."""
    if any(c.dep_ in ("attr", "acomp") for c in be.children):
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("in", "at", "inside", "near")
        and any(g.dep_ == "pobj" and (g.ent_type_ or g.tag_ in ("NNP", "NNPS")) for g in c.children)
        for c in be.children
    )


def _past_deed(t: Token, aux: set[str]) -> bool:
    """A past deed ("has not asked", "did not order", "was not involved"), not an ongoing
    stance ("is not going to"), an open matter ("has not yet decided") or an inability
    ("have not been able to")."""
    if any(c.lower_ in ("yet", "able") for c in t.children):
        return False
    if t.lower_ in _WAS and _somewhere(t):
        return False  # "he was not in the Kremlin at the time": where someone was, no deed
    past = t.tag_ != "VBG" and (t.tag_ in ("VBD", "VBN") or bool(aux & PAST_AUX))
    bare = not any(c.dep_ in ("dobj", "attr", "acomp") for c in t.children)
    if (
        bare
        and t.lower_ in PAST_AUX
        and any(
            c.lower_ == "never"
            or (c.dep_ == "conj" and any(a.lower_ in MODALS for a in c.children))
            for c in t.children
        )
    ):
        # "I have never and would never ...", "has not and will not cross": the parser heads
        # the deed on the auxiliary
        past = True
    modal = aux & MODALS
    if not past or modal & _DEONTIC:
        return False
    if modal and any(w.lower_ in _PRAISE for w in t.subtree):
        return False  # "we could not have done it without you": thanks, no rebuttal
    return not modal or bool(aux & PAST_AUX)  # "have never and would never taken": still past


def _disowned_practice(t: Token, aux: set[str]) -> bool:
    """ "We don't shell villages", "Ruritania does not bomb cities": a present practice
    disowned with "do"-support (not a stance: "we don't want war"; not a manner: "we do not
    make such decisions casually")."""
    if not aux & {"do", "does"} or t.tag_ != "VB" or t.lower_ in STANCE_VERBS:
        return False
    return not any(c.dep_ == "advmod" and c.i > t.i for c in t.children)


def rebuts_by_negation(
    tokens: list[Token], speaker_actor: str, speaker_is_person: bool, speaker_plural: bool
) -> bool:
    """ "Russia has not asked China for help": the speaker's side denies a deed."""
    for t in tokens:
        if not t.tag_.startswith("VB") or not negated(t):
            continue
        if t.lower_ in _PERCEPTION:
            continue
        if grievance(t):
            continue
        aux = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
        past = _past_deed(t, aux)
        if not past and not _disowned_practice(t, aux):
            continue
        subj = _subject(t)
        if not subj:
            if past and {"to", "have"} <= aux and t.dep_ == "xcomp" and t.head not in tokens:
                return True  # "claimed not to have stolen the data": the cue's subject did not
            continue
        if is_self(subj[0], speaker_actor, speaker_is_person, speaker_plural):
            return True
        if past and any(c.lower_ in _EMPHATIC for c in t.children if c.dep_ == "advmod"):
            return True  # "he has definitely not been sacked": a flat rebuttal, whoever the deed's
    return False


# "could not have been happier", "could not have done it without you": praise, no rebuttal
_PRAISE = words("happier better prouder more without")


def ruled_out(tokens: list[Token]) -> bool:
    """ "The diesel could not have produced the residue", "she cannot have seen it": a deed
    said to be impossible is a rebuttal of the story that it happened, whoever its doer."""
    for t in tokens:
        if t.tag_ != "VBN" or not negated(t):
            continue
        aux = [c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")]
        if not {"could", "can", "ca"} & set(aux) or "have" not in aux:
            continue
        if any(w.lower_ in _PRAISE for w in t.subtree):
            continue
        return True
    return False


# the steps a rumour says someone is taking ("not resigning"); not a stance ("we are not
# seeking a war") nor a trend ("prices are not falling")
_STEPS = words(
    "resigning quitting leaving stepping retiring selling withdrawing exiting joining"
    " running moving closing defecting divorcing splitting"
)


def denies_plan(tokens: list[Token]) -> bool:
    """ "PM not resigning", "the minister is not stepping down": a person's rumoured step
    denied in the progressive."""
    for t in tokens:
        if t.tag_ != "VBG" or not negated(t) or t.lower_ not in _STEPS:
            continue
        aux = {c.lower_ for c in t.children if c.dep_ == "aux"}
        if aux - {"is", "are", "'s", "'re", "am", "'m"}:
            continue  # "has not been going", "will not be resigning": another tense
        subj = _subject(t)
        if subj and _someone(subj[0]):
            return True
    return False


def _someone(subj: Token) -> bool:
    return (
        subj.lower_ in ("i", "we", "he", "she")
        or subj.ent_type_ == "PERSON"
        or role_of(subj.text) is not None
    )

"""A verb of naming that gives a thing its name ("the pact, called Accord,"), not speech."""

from __future__ import annotations

from spacy.tokens import Token

_NAMING = frozenset({"called", "named", "dubbed", "titled", "entitled"})


def names_a_thing(verb: Token) -> bool:
    """ "the framework, called a Reciprocal Access Agreement,": a name given to a thing (a
    predicate, no object, set off by a comma), not someone calling something a name."""
    deps = {c.dep_ for c in verb.children}
    # the thing named stands right before the comma ("Lee, the firm's lawyer, called it a
    # hoax" is Lee speaking: her subject is further back)
    subjects = [c.i for c in verb.children if c.dep_ == "nsubj"]
    return (
        verb.lower_ in _NAMING
        and "oprd" in deps
        and not deps & {"dobj", "auxpass", "nsubjpass"}
        and verb.i > 1
        and verb.nbor(-1).text == ","
        and all(i == verb.i - 2 for i in subjects)
    )

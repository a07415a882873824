"""Whether a report is one more of an act already alerted, on the words they share (pure)."""

from __future__ import annotations

from schemas.claims import Claim
from services.stream.acts import RecentAct
from services.stream.signature import name_key, person_terms

# A claim with fewer content terms than this says nothing about its matter ("Peskov said:
# 'No.'"): it can only be a further report of the actor's latest act of that type.
MIN_TERMS = 2
# Share of the claim's terms that an earlier act must carry for the two to be one act, or
# the count of shared terms that is enough on its own for a long claim.
MIN_COVERAGE = 0.25
ENOUGH_SHARED = 3
# Across articles the claim's own words may not name the matter at all ("said he 'completely
# rejects' the allegations": the allegations are named a sentence earlier). The sentence and
# the headline around it then do: this many shared context terms, covering this share of the
# smaller side, make two reports in different articles one act.
ENOUGH_CONTEXT = 3
MIN_CONTEXT_COVERAGE = 0.2


def match(
    claim: Claim, speaker: str, words: frozenset[str], wide: frozenset[str], act: RecentAct
) -> tuple[tuple[float, ...], str] | None:
    """Why `claim` reports `act` (with a rank among candidates), or None when it does not."""
    if other_person(claim, act):
        return None
    same_article = [s for s in act.sources if s.article_id == claim.article_id]
    same_speaker = any(s.speaker == speaker for s in same_article)
    if same_speaker:
        # One speaker's run of sentences in one article is one statement: quotes run on
        # ("Even if you've ridden out storms before, this one is different.") with words of
        # their own, and aim at whoever each sentence names.
        return (3.0, term_coverage(words, act)), "same speaker, same article"
    # Targets are read off each sentence and often differ for one act ("warned China" then
    # "a lifeline to Russia"): two named targets ask for more shared words, not a new act.
    conflict = targets_differ(claim.target, act.target)
    if len(words) < MIN_TERMS and not conflict:
        return (1.0, 0.0), "no content of its own: latest act of this actor"
    shared = len(words & set(act.terms))
    coverage = shared / max(1, len(words))
    # One shared word is weak evidence ("changes to quotas" vs "changes to tolls"): it must
    # be half of what the claim says.
    needed = MIN_COVERAGE if shared >= 2 else 2 * MIN_COVERAGE
    if shared >= ENOUGH_SHARED or (shared >= 1 and coverage >= needed and not conflict):
        return (2.0 if same_article else 1.5, coverage), f"shares {shared} terms"
    if not same_article and not conflict:
        # Within one article every claim shares the headline, so context is no evidence there.
        act_wide = set(act.terms) | set(act.context)
        shared_wide = len(wide & act_wide)
        smaller = max(1, min(len(wide), len(act_wide)))
        if shared_wide >= ENOUGH_CONTEXT and shared_wide / smaller >= MIN_CONTEXT_COVERAGE:
            return (1.0, shared_wide / smaller), f"shares {shared_wide} context terms"
    return None


def match_further(words: frozenset[str], act: RecentAct) -> tuple[tuple[float, ...], str] | None:
    """A claim that calls itself a further act joins one only on a matter its own words share:
    no run of the speaker's sentences, no context, no latest act stands in for them. Names do
    not part it from the act: "the agency also warned" often repeats a warning its chief gave."""
    shared = len(words & set(act.terms))
    if shared >= MIN_TERMS and shared / max(1, len(words)) >= MIN_COVERAGE:
        return (2.0, shared / len(words)), f"further act, shares {shared} terms"
    return None


def other_person(claim: Claim, act: RecentAct) -> bool:
    """Whether a named person other than everyone named in `act` makes the claim: one actor's
    spokespeople each make their own speech acts ("Mousavi warned" and "Shekarchi warned")."""
    mine = person_terms(claim.speaker, claim.actor)
    theirs = [set(s.names) for s in act.sources if s.names]
    return bool(mine and theirs and all(not (mine & t) for t in theirs))


def targets_differ(a: str | None, b: str | None) -> bool:
    return bool(a and b and name_key(a) != name_key(b))


def term_coverage(words: frozenset[str], act: RecentAct) -> float:
    return len(words & set(act.terms)) / len(words) if words else 0.0


def occasions_in(act: RecentAct, article_id: str) -> frozenset[str]:
    """Occasions the act's reports in one article name. Only one outlet's words are compared:
    outlets describe one occasion differently ("in a statement to" one, "told" another)."""
    return frozenset(o for s in act.sources if s.article_id == article_id for o in s.occasions)

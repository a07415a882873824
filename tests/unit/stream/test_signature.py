"""A claim's matter folds actor names the way the actors package resolves them."""

from __future__ import annotations

from services.stream.signature import terms


def test_metonyms_and_demonyms_of_the_knowledge_base_fold_to_the_actor() -> None:
    # "Elysee" and "Tehran" are not in the stream's own word list: the actors package knows them
    assert terms("the Elysee said") == terms("France said")
    assert terms("Nairobi rejected it") == terms("Kenyan rejected it") == {"kenya"}


def test_an_actor_name_of_the_speaker_is_dropped_from_the_matter() -> None:
    assert terms("the Kremlin denied sending drones", drop=["Russia"]) == terms("sent drones")


def test_sentences_that_present_their_act_as_a_further_one() -> None:
    from schemas.claims import Claim, ClaimType, Span
    from services.stream.reports import adds_an_act

    def said(sentence: str) -> bool:
        return adds_an_act(
            Claim(
                article_id="a1",
                type=ClaimType.DENIAL,
                speaker="Ines Vale",
                actor="Ines Vale",
                content=sentence,
                sentence=sentence,
                span=Span(field="text", start=0, end=len(sentence)),
                cue="denied",
                confidence=0.9,
            )
        )

    assert said("She also denies leaking the memo.")
    assert said("Vale has also said the memo is a forgery.")
    assert said("A further denial came from her lawyers on Friday.")
    assert said("In addition to her statement, her office rejected the report.")
    assert not said("Her cousin, who is also her driver, rejected the report.")
    assert not said("She denied the report and asked for further questions in writing.")
